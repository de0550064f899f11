#!/bin/sh
echo {} > config.json
