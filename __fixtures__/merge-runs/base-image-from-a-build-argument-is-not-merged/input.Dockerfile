ARG BASE
FROM ${BASE}
RUN echo %PATH% > C:\path.txt
RUN setx /M APP_HOME C:\app
