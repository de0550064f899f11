FROM debian:bookworm
SHELL ["/bin/bash", "--login", "-c"]
# The installer puts its bin folder on PATH through ~/.profile, like rustup or sdkman
RUN mkdir -p /opt/toolchain/bin && \
    printf '#!/bin/sh\necho "toolchain 1.4.2"\n' > /opt/toolchain/bin/toolchain-info && \
    chmod +x /opt/toolchain/bin/toolchain-info && \
    echo 'export PATH="/opt/toolchain/bin:$PATH"' >> /root/.profile
RUN toolchain-info > /etc/toolchain-version
