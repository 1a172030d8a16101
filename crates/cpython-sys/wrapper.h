/* Everything the bindings cover: the full (non-limited) C API of the target interpreter. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* Slot ids. 3.15 defines some of them through a function-like macro (its new slot scheme keeps
   the old numbers for the older limited API), which bindgen does not evaluate; an enum makes
   clang compute each value from the target's own headers, whatever the version. */
enum ferrocpy_slot_ids {
    FERROCPY_SLOT_Py_mod_create = Py_mod_create,
    FERROCPY_SLOT_Py_mod_exec = Py_mod_exec,
#ifdef Py_mod_multiple_interpreters
    FERROCPY_SLOT_Py_mod_multiple_interpreters = Py_mod_multiple_interpreters,
#endif
#ifdef Py_mod_gil
    FERROCPY_SLOT_Py_mod_gil = Py_mod_gil,
#endif
    FERROCPY_SLOT_Py_bf_getbuffer = Py_bf_getbuffer,
    FERROCPY_SLOT_Py_bf_releasebuffer = Py_bf_releasebuffer,
    FERROCPY_SLOT_Py_mp_ass_subscript = Py_mp_ass_subscript,
    FERROCPY_SLOT_Py_mp_length = Py_mp_length,
};

/* Likewise a composed macro on 3.15. */
enum ferrocpy_version {
    FERROCPY_PY_VERSION_HEX = PY_VERSION_HEX,
};

/* What the headers say about the build: build.rs sets the Py_3_N, Py_DEBUG and Py_GIL_DISABLED
   cfgs from these (and checks them against the interpreter's own report). */
enum ferrocpy_header_facts {
    FERROCPY_HDR_MAJOR = PY_MAJOR_VERSION,
    FERROCPY_HDR_MINOR = PY_MINOR_VERSION,
#ifdef Py_DEBUG
    FERROCPY_HDR_DEBUG = 1,
#else
    FERROCPY_HDR_DEBUG = 0,
#endif
#ifdef Py_GIL_DISABLED
    FERROCPY_HDR_GIL_DISABLED = 1,
#else
    FERROCPY_HDR_GIL_DISABLED = 0,
#endif
};
