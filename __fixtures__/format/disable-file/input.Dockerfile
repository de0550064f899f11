# layerfix-disable-file
from debian:12
run   apt-get update
