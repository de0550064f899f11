FROM --platform=windows/amd64 registry.example.com/build/agent:2024.1
RUN setx /M TOOLS_HOME C:\tools
RUN mkdir %TOOLS_HOME%
