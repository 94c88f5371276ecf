# One image for the issuer, the verifier, the local chain and the deploy step of docker-compose.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npx --yes npm@10 ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV ISSUER_HOST=0.0.0.0 VERIFIER_HOST=0.0.0.0
USER node
