#ifndef DISCLOSE_CGUMBO_SHIM_H
#define DISCLOSE_CGUMBO_SHIM_H
#include <gumbo.h>

/* Exported by libgumbo (parser.c, since 0.9) but not declared in gumbo.h: frees `node`, its
   attributes and, one by one, the children its `children` vector still lists, with the options'
   deallocator. Interop/Gumbo.swift frees each node once it has copied it out (with its children
   vector emptied first, the children having been taken), so the tree shrinks as the walk's copy
   grows instead of both being whole at once. */
void gumbo_destroy_node(GumboOptions* options, GumboNode* node);
#endif
