// zlib, for gzip-encoded OAI-PMH answers (deflateInit2 with a gzip wrapper).
#include <zlib.h>
