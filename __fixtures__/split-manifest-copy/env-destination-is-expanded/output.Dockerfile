FROM python:3.12-slim
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME
COPY requirements.txt $APP_HOME/
RUN python -m pip install -r requirements.txt
COPY . $APP_HOME
