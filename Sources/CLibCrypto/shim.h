// OpenSSL's libcrypto, for SHA-256 and HMAC-SHA-256: its SHA256_* functions use the CPU's SHA
// instructions where there are some. They are deprecated in OpenSSL 3 in favour of EVP,
// whose per-call provider lookup costs more than hashing a short text.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
