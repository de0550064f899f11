from debian:12
run apt-get update
Copy . /app
