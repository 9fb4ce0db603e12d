// The table of every exported function's address, written by gen-sources.py (refs.cpp).
#ifndef ISMS_CXX_REFS_H
#define ISMS_CXX_REFS_H

#include <cstddef>

typedef void (*isms_fn)();

// Number of functions the public headers declare with ISMS_EXPORT.
std::size_t isms_cxx_function_count();
// The address of the index-th of them, or nullptr past the end.
isms_fn isms_cxx_function(std::size_t index);

#endif
