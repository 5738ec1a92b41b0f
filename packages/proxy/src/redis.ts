export {
  createRedisStore,
  type RedisCommandClient,
  type RedisStore,
  type RedisStoreOptions,
} from "./redis/createRedisStore";
