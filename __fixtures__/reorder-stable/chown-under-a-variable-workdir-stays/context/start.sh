#!/bin/sh
echo "starting" > /usr/src/app/started
