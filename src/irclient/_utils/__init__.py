"""Standard-library helpers with no knowledge of AWS calls: safe text, value formats, tables.

Nothing in this package imports another part of irclient, so that the command line, the
display and the simulator can all use it without loading the request path.
"""
