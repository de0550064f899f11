FROM microsoft/iis
RUN mkdir C:\inetpub\wwwroot\app
RUN echo # generated at build time > C:\inetpub\wwwroot\app\build.txt
RUN setx /M APP_POOL_NAME DefaultAppPool
