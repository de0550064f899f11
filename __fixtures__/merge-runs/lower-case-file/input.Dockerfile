from debian:12
run apt-get update
run apt-get install -y curl
