FROM example.com/team/base:1
WORKDIR app
