FROM node:20
COPY . .
RUN ["npm", "install"]
SHELL ["powershell", "-Command"]
RUN npm install
