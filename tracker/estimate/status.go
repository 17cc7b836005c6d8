package estimate

import "fmt"

// Status is an EcoLogits warning or error: a stable code, a message, and
// the Python class name the reference raises or attaches.
type Status struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	ClassName string `json:"-"`
}

// statusDocs is where the reference's messages send people.
const statusDocs = "https://ecologits.ai/tutorial/warnings_and_errors/#"

// String renders the status as the reference does, with its link.
func (s Status) String() string {
	return s.Message + " For further information visit " + statusDocs + s.Code
}

// Warning and error codes of EcoLogits 0.11.2.
const (
	WarnArchNotReleased = "model-arch-not-released"
	WarnArchMultimodal  = "model-arch-multimodal"
	WarnMixADPeWorld    = "electricity-mix-adpe-world"
	WarnMixPEWorld      = "electricity-mix-pe-world"
	WarnMixWUEWorld     = "electricity-mix-wue-world"

	ErrModelNotRegistered = "model-not-registered"
	ErrZoneNotRegistered  = "zone-not-registered"
)

var warnings = []Status{
	{WarnArchNotReleased, "The model architecture has not been released, expect lower precision.", "ModelArchNotReleasedWarning"},
	{WarnArchMultimodal, "The model architecture is multimodal, expect lower precision.", "ModelArchMultimodalWarning"},
	{WarnMixADPeWorld, "The electricity mix ADPe factor is using the world default value, expect lower precision.", "ElectricityMixADPeDefaultWarning"},
	{WarnMixPEWorld, "The electricity mix PE factor is using the world default value, expect lower precision.", "ElectricityMixPEDefaultWarning"},
	{WarnMixWUEWorld, "The electricity mix WUE factor is using the world default value, expect lower precision.", "ElectricityMixWUEDefaultWarning"},
}

var errorStatuses = []Status{
	{ErrModelNotRegistered, "The model is not registered in the model repository.", "ModelNotRegisteredError"},
	{ErrZoneNotRegistered, "The zone is not registered.", "ZoneNotRegisteredError"},
}

// Warnings and Errors list every known status, in the reference's order.
func Warnings() []Status { return append([]Status(nil), warnings...) }
func Errors() []Status   { return append([]Status(nil), errorStatuses...) }

// ErrUnknownCode is returned for a code the reference does not know
// (Python raises ValueError).
type ErrUnknownCode struct{ Kind, Code string }

func (e *ErrUnknownCode) Error() string {
	return fmt.Sprintf("estimate: unknown %s code %q", e.Kind, e.Code)
}

func find(kind, code string, list []Status) (Status, error) {
	for _, s := range list {
		if s.Code == code {
			return s, nil
		}
	}
	return Status{}, &ErrUnknownCode{kind, code}
}

// NewWarning returns the warning with this code, with its default message.
func NewWarning(code string) (Status, error) { return find("warning", code, warnings) }

// NewError returns the error with this code; a non-empty message replaces
// the default one, as the high-level lookups do.
func NewError(code, message string) (Status, error) {
	s, err := find("error", code, errorStatuses)
	if err == nil && message != "" {
		s.Message = message
	}
	return s, err
}

func mustWarning(code string) Status {
	s, err := NewWarning(code)
	if err != nil {
		panic(err) // only reachable with a corrupt embedded data file, caught by tests
	}
	return s
}
