#ifndef DISCLOSE_CLIBZIP_SHIM_H
#define DISCLOSE_CLIBZIP_SHIM_H
/* libzip's C API (BSD-3-Clause). Disclose reads and writes zip packages (Word, PowerPoint,
   OpenDocument, class archives, the XLSX register) through it. Only
   Sources/DisclosureKit/Interop/LibZip.swift imports this module.

   The module does not link libzip. Loading it, with the libcrypto, libbz2 and liblzma it needs,
   cost every command about 1.6 MB of resident pages and thousands of symbol look-ups, Markdown,
   HTML and PDF runs included, so LibZip.swift opens it with dlopen (through DynamicLibrary.swift)
   the first time an archive is read or written (docs/scale.md, "Start-up: libzip and libxml2 on
   demand"). The types below are the functions' own types, taken from libzip's declarations, so a
   pointer found by dlsym is called with exactly the signature the header gives. */
#include <zip.h>

static inline zip_uint16_t disclose_zip_extra_field_new(void) { return ZIP_EXTRA_FIELD_NEW; }

#define DISCLOSE_ZIP_FUNCTION(name) typedef __typeof__(&name) disclose_##name##_f;
DISCLOSE_ZIP_FUNCTION(zip_close)
DISCLOSE_ZIP_FUNCTION(zip_discard)
DISCLOSE_ZIP_FUNCTION(zip_error_code_zip)
DISCLOSE_ZIP_FUNCTION(zip_error_fini)
DISCLOSE_ZIP_FUNCTION(zip_error_init)
DISCLOSE_ZIP_FUNCTION(zip_error_strerror)
DISCLOSE_ZIP_FUNCTION(zip_fclose)
DISCLOSE_ZIP_FUNCTION(zip_file_add)
DISCLOSE_ZIP_FUNCTION(zip_file_extra_field_get)
DISCLOSE_ZIP_FUNCTION(zip_file_extra_field_set)
DISCLOSE_ZIP_FUNCTION(zip_file_extra_fields_count)
DISCLOSE_ZIP_FUNCTION(zip_file_get_comment)
DISCLOSE_ZIP_FUNCTION(zip_file_get_external_attributes)
DISCLOSE_ZIP_FUNCTION(zip_file_set_comment)
DISCLOSE_ZIP_FUNCTION(zip_file_set_external_attributes)
DISCLOSE_ZIP_FUNCTION(zip_file_set_mtime)
DISCLOSE_ZIP_FUNCTION(zip_file_strerror)
DISCLOSE_ZIP_FUNCTION(zip_fopen_index)
DISCLOSE_ZIP_FUNCTION(zip_fread)
DISCLOSE_ZIP_FUNCTION(zip_get_archive_comment)
DISCLOSE_ZIP_FUNCTION(zip_get_name)
DISCLOSE_ZIP_FUNCTION(zip_get_num_entries)
DISCLOSE_ZIP_FUNCTION(zip_open_from_source)
DISCLOSE_ZIP_FUNCTION(zip_set_archive_comment)
DISCLOSE_ZIP_FUNCTION(zip_set_file_compression)
DISCLOSE_ZIP_FUNCTION(zip_source_free)
DISCLOSE_ZIP_FUNCTION(zip_source_function)
DISCLOSE_ZIP_FUNCTION(zip_source_function_create)
DISCLOSE_ZIP_FUNCTION(zip_source_zip)
DISCLOSE_ZIP_FUNCTION(zip_stat_index)
DISCLOSE_ZIP_FUNCTION(zip_stat_init)
DISCLOSE_ZIP_FUNCTION(zip_strerror)
#undef DISCLOSE_ZIP_FUNCTION
#endif
