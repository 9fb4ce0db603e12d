/*
 * Internal file helpers of the io layer (lib/io/file.c), shared by the CSV, JSON and report
 * modules. Nothing here is exported.
 */
#ifndef ISMS_IO_INTERNAL_H
#define ISMS_IO_INTERNAL_H

#include <stddef.h>

#include "internal.h"

/*
 * Reads a whole file into a new NUL-terminated buffer (allocated with isms__malloc; the
 * caller frees it with isms__free). `*len` receives the size without the NUL; `len` may be
 * NULL. The file may be a regular file or a pipe.
 *
 * Returns ISMS_OK; ISMS_EINVAL (NULL argument); ISMS_EIO with a message naming the path and
 * strerror(errno) when the file cannot be opened or read; ISMS_ERANGE when the file is
 * larger than `max_size` bytes; ISMS_ENOMEM. `*out` and `*len` are written only on success.
 */
int isms__file_read(char **out, size_t *len, const char *path, size_t max_size);

/* The same for standard input (source "<stdin>" in errors); `len` may be NULL. */
int isms__stdin_read(char **out, size_t *len, size_t max_size);

/*
 * Replaces the file at `path` with `len` bytes of `data` without ever leaving a partial file:
 * writes a temporary file in the same directory (mkstemp), syncs it, gives it the old file's
 * permission bits (or 0666 minus the process umask for a new file), renames it over `path`
 * (over the target of a symbolic link when `path` is one) and syncs the directory. A target
 * that exists but is not a regular file (a pipe, a device) is written in place instead.
 *
 * On failure the temporary file is removed and the old file is untouched.
 * Returns ISMS_OK, ISMS_EINVAL, ISMS_EIO (message with the path and strerror(errno)),
 * ISMS_ENOMEM.
 */
int isms__file_save_atomic(const char *path, const char *data, size_t len);

#endif
