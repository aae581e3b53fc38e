/* The Wasm module exports the library functions listed in CMakeLists.txt;
 * this file only gives the link a translation unit of its own. */
#include "actlab.h"
