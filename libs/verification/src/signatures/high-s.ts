// The rule lives with the keys in libs/identity, which signs and verifies the newer formats too.
export { hasHighS } from '#identity';
