#!/bin/sh
set -a; . /etc/app/app.env; exec sleep infinity
