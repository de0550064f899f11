# Files the app group shares stay group-writable.
umask 0002
export APP_HOME=/srv/app
