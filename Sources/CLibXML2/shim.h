// libxml2 for Swift. Debian builds it with ICU support, and its headers would then pull in
// ICU's, which clash with the toolchain Foundation's own copy (DESIGN.md, build notes):
// read the version header first and switch that part off before the rest.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/catalog.h>
#include <libxml/xmlerror.h>
