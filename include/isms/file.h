/**
 * @file isms/file.h
 * @brief Reading and saving whole files the way libisms does (io layer).
 *
 * The functions every loader and saver of the library uses, for programs that write files
 * of their own next to the library's (the `isms` command does): a whole-file read with a
 * size limit, and a save that never leaves half a file.
 */
#ifndef ISMS_FILE_H
#define ISMS_FILE_H

#include <stddef.h>

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup file Files
 * @brief Reading a whole file with a size limit, and saving so that a file holds either its old
 *        or its new content (temporary file, sync, rename).
 *
 * isms/file.h describes the module in full.
 * @{
 */

/**
 * @brief Reads a whole file.
 * @param[out] out The bytes, NUL-terminated (a NUL is added after them); the caller frees
 *                 them with isms_free().
 * @param[out] len Their number, without the added NUL; may be NULL.
 * @param path The file; "-" reads standard input. Regular files and pipes work.
 * @param max_size The largest size accepted, in bytes.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO (names the file and the reason; the error's
 *         source is the file), #ISMS_ERANGE (larger than `max_size`), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_file_read(char **out, size_t *len, const char *path, size_t max_size);

/**
 * @brief Saves bytes to a file so that it holds either its old or its new content, whatever
 *        happens.
 *
 * Writes a temporary file in the same directory, syncs it, gives it the old file's
 * permission bits (a new file: 0666 minus the umask), renames it over the old file (over the
 * target of a symbolic link) and syncs the directory. A target that exists but is not a
 * regular file (a pipe, `/dev/null`, a terminal) is written directly instead, since it
 * cannot be replaced. "-" writes standard output.
 * @param path The file.
 * @param data The bytes (may be NULL when `len` is 0).
 * @param len Their number.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_EIO (names the file and the reason, for a missing
 *         directory the directory; the old file is untouched), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_file_save(const char *path, const void *data, size_t len);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
