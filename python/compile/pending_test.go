package compile_test

// corpusPending lists the corpus programs that fail today because a
// runtime feature of issue 14 is still being built (the object model's
// dunders, descriptors, super and built-ins; bytes and other constants).
// TestCorpus skips them, printing the first difference, and fails as soon
// as one passes, so that its entry is deleted: the list only shrinks, and
// issue 14 is resolved when it is empty.
var corpusPending = map[string]string{
	"builtins_constants":             "runtime feature pending",
	"bytes_decode_encode":            "runtime feature pending",
	"bytes_literals_ops":             "runtime feature pending",
	"class_mro_conflict":             "runtime feature pending",
	"class_mro_diamond":              "runtime feature pending",
	"class_super_two_arg":            "runtime feature pending",
	"class_two_bases":                "runtime feature pending",
	"dunder_getitem_setitem_delitem": "runtime feature pending",
	"exception_user_init_uncaught":   "runtime feature pending",
	"pass_and_docstrings":            "runtime feature pending",
	"slice_objects":                  "runtime feature pending",
	"system_exit_message":            "runtime feature pending",
	"system_exit_status":             "runtime feature pending",
	"traceback_user_exception_str":   "runtime feature pending",
}
