#include <node_api.h>

static napi_value Hash(napi_env env, napi_callback_info info) {
  napi_value result;
  napi_create_uint32(env, 42, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "hash", NAPI_AUTO_LENGTH, Hash, NULL, &fn);
  napi_set_named_property(env, exports, "hash", fn);
  return exports;
}
