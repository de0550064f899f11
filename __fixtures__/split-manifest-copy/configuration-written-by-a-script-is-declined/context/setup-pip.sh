#!/bin/sh
printf "[global]\nno-index = true\nfind-links = /srv/app/wheels\n" > /etc/pip.conf
