package defs

// HostName is the native messaging host's name (the manifest's "name" and
// the argument of connectNative). Chrome allows lowercase letters, digits,
// dots and underscores.
const HostName = "app.frugal.host"

// ProtocolVersion is the version of the messages between the extension and
// the host ({"v": 1, …}).
const ProtocolVersion = 1

// Message types the extension sends to the host.
const (
	TypeClassify    = "classify"
	TypeRecord      = "record"
	TypeUpdate      = "update"
	TypeToday       = "today"
	TypeSettings    = "settings"
	TypeSetSettings = "set_settings"
	TypePing        = "ping"
	TypeHealth      = "health" // capture-health counts, applied once per batch id
	// TypeSelectors is the one message the host sends unasked: the selector
	// table, as the first frame after the browser starts the host. It has
	// a type and no id, which is how the extension tells it from a reply.
	TypeSelectors = "selectors"
)

// MessageTypes lists every message type.
var MessageTypes = []string{TypeClassify, TypeRecord, TypeUpdate, TypeToday, TypeSettings, TypeSetSettings, TypePing, TypeHealth, TypeSelectors}

// CodeClass says what a reply code means for an event waiting in the
// extension's queue.
type CodeClass string

const (
	// Refused: the host will never accept this message as it is (it is
	// malformed, invalid, or tracking is paused). The queue drops it and
	// logs why.
	Refused CodeClass = "refused"
	// Transient: the host could not take it now (disk full, internal
	// error, the stream broke). The queue keeps it and retries, forever,
	// with a capped backoff.
	Transient CodeClass = "transient"
)

// Reply codes the host sends in {"error": {"code": …}}.
const (
	CodeFrameTooLarge = "frame_too_large"
	CodeEmptyFrame    = "empty_frame"
	CodeTruncated     = "truncated"
	CodeBadUTF8       = "bad_utf8"
	CodeBadJSON       = "bad_json"
	CodeUnknownField  = "unknown_field"
	CodeBadVersion    = "bad_version"
	CodeUnknownType   = "unknown_type"
	CodeInvalid       = "invalid"
	CodeNotFound      = "not_found"
	CodePaused        = "paused"
	CodeInternal      = "internal"
	CodeDiskFull      = "disk_full"
	CodeReplyTooLarge = "reply_too_large"
)

// ReplyCode is one reply code and its class.
type ReplyCode struct {
	Code  string    `json:"code"`
	Class CodeClass `json:"class"`
}

// ReplyCodes are every code the host may send. A message too large, empty,
// or whose reply is too large would fail the same way again: refused. A
// truncated frame is a broken stream, not a bad event: transient.
var ReplyCodes = []ReplyCode{
	{CodeFrameTooLarge, Refused},
	{CodeEmptyFrame, Refused},
	{CodeTruncated, Transient},
	{CodeBadUTF8, Refused},
	{CodeBadJSON, Refused},
	{CodeUnknownField, Refused},
	{CodeBadVersion, Refused},
	{CodeUnknownType, Refused},
	{CodeInvalid, Refused},
	{CodeNotFound, Refused},
	{CodePaused, Refused},
	{CodeInternal, Transient},
	{CodeDiskFull, Transient},
	{CodeReplyTooLarge, Refused},
}

// CodesOf lists the codes of one class, in table order.
func CodesOf(c CodeClass) []string {
	var out []string
	for _, r := range ReplyCodes {
		if r.Class == c {
			out = append(out, r.Code)
		}
	}
	return out
}
