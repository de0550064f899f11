FROM debian:12
CMD ["nginx","-g","daemon off;"]
ENTRYPOINT [ "/entrypoint.sh" ]
SHELL ["/bin/bash",  "-c"]
HEALTHCHECK CMD ["curl","-f","http://localhost/"]
