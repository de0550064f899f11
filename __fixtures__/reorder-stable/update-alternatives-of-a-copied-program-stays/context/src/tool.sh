#!/bin/sh
echo "tool 1.0"
