FROM python:3.12
WORKDIR /srv
COPY requirements.txt /srv/
RUN pip install -r requirements.txt
COPY [".", "/srv"]
