FROM node:20
RUN yarn global add serve && yarn add left-pad
