// Package nativehost is Frugal's WebExtension native messaging host: the
// browser starts `frugal` with the caller's origin (Chrome) or the manifest
// path and extension id (Firefox) as arguments, and exchanges framed JSON
// messages with it on stdin/stdout.
//
// Framing: each message is a 4-byte little-endian length followed by that many
// bytes of UTF-8 JSON. Messages from the extension are limited to MaxInBytes;
// replies are kept under MaxOutBytes (Chrome refuses host messages over 1 MB).
//
// Protocol version 1. A request is
//
//	{"v":1,"id":"…","type":"classify|record|update|today|settings|set_settings|ping|health", …}
//
// decoded with DisallowUnknownFields. Every request gets exactly one reply,
// {"id":…,"ok":true,…} or {"id":…,"error":{"code":"…","message":"…"}}, in the
// order the requests came. A malformed, unknown or invalid-UTF-8 message gets
// an error reply and the host goes on serving.
//
// One refusal ends the session: a frame whose length exceeds MaxInBytes. The
// host replies with code "frame_too_large" and returns ErrFrameTooLarge
// without reading further, because skipping the announced length would mean
// reading (and buffering or discarding) up to 4 GiB that may never come, and a
// wrong length means the stream can't be trusted to be resynchronised. The
// browser sees the port close and the extension reconnects, starting a fresh
// host. A truncated frame (EOF inside a message) also ends the session, since
// the browser has closed the pipe.
//
// The host sends one frame unasked: right after it starts, the selector table
// in use, {"type":"selectors","v":1,"version":N,"source":"builtin"|path,
// "table":{…}} (see tracker/capture). It has no id, so it can't be taken for
// a reply.
//
// Nothing but frames is ever written to the output; logs go to the logger in
// Deps (stderr in production). The host opens no socket.
package nativehost
