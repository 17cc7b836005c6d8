package estimate

// Frugal's extensions to EcoLogits: what a browser sees and the method does
// not model. Every number has its source beside it; where sources disagree
// (or one source is all there is and the method ignores the factor), the
// low and high bounds say so. Factors we could not source are left out and
// reported as a warning instead.

// Characters per token, to turn an answer's length into output tokens.
const (
	// OpenAI Help Center, "What are tokens and how to count them?"
	// (help.openai.com/en/articles/4936856): "1 token ≈ 4 characters" for
	// English text.
	charsPerTokenEN = 4.0

	// French needs more tokens for the same characters. The only figure we
	// found is secondary: aigotchyou.eu, "Tokens Across Languages" (AI
	// engineering course, tiktoken cl100k): French ≈ 1.1–1.15× the English
	// token count. We use the upper end for the high bound.
	frenchTokenPremiumLow  = 1.10
	frenchTokenPremiumHigh = 1.15
)

// Output length when the answer was not seen.
//   - Low: the median answer of a production chat service: 129 tokens in
//     Microsoft Azure's LLM inference trace of a conversation service (19,366
//     requests, 16 Nov 2023; Patel et al., "Splitwise: Efficient generative
//     LLM inference using phase splitting", ISCA 2024; data
//     github.com/Azure/AzurePublicDataset, AzureLLMInferenceTrace_conv.csv,
//     CC-BY 4.0; median of GeneratedTokens computed by us). Its mean, 211
//     tokens, agrees with Zheng et al., "LMSYS-Chat-1M" (ICLR 2024): 214.5
//     tokens per response. The median is the low bound because published
//     figures are medians (Google's "median Gemini Apps text prompt") as
//     well as means (OpenAI's "average query"), and half of all answers
//     are shorter than it.
//   - High: Epoch AI, "How much energy does ChatGPT use?" (Feb 2025)
//     assumes a typical query has about 500 output tokens.
//
// (Mistral's LCA of Mistral Large 2, July 2025, uses a 400-token response,
// inside this range.) Before frugal-2 the low bound was 400, in frugal-2
// the LMSYS mean 214.5: both left Google's median prompt below Frugal's
// range (make credibility).
const (
	defaultOutputTokensLow  = 129.0
	defaultOutputTokensHigh = 500.0
)

// Input length. EcoLogits 0.11.2 has no input term (low bound 0). Epoch AI
// (Feb 2025) puts a GPT-4o query at ≈ 0.3 Wh with a short input, ≈ 2.5 Wh
// with a 10k-token input and ≈ 40 Wh with a 100k-token input; the extra
// energy over a short query is the high bound, linear between those points
// and beyond the last one.
var inputExtraWh = [][2]float64{{0, 0}, {10_000, 2.5 - 0.3}, {100_000, 40 - 0.3}}

// Reasoning ("thinking") modes generate hidden tokens before the answer.
// MIT Technology Review, "We did the math on AI's energy footprint" (May
// 2025): reasoning models "have been found to require 43 times more energy
// for simple problems". Low bound: the visible answer only, as EcoLogits
// counts. We found no per-request figure for deep research; it gets the
// same factor and a warning that it is likely an underestimate.
const (
	reasoningFactorLow  = 1.0
	reasoningFactorHigh = 43.0
)

// A web search run by the assistant: Google, "Powering a Google search"
// (official blog, Jan 2009): 0.0003 kWh = 0.3 Wh per search. The number of
// searches is not visible; we count one. The retrieved pages the model
// then reads are input tokens we cannot see: not counted.
const webSearchWh = 0.3

// Image generation, Wh per image.
//   - Low: MIT Technology Review, "We did the math on AI's energy footprint"
//     (J. O'Donnell, C. Crownhart, May 2025): a standard-quality
//     1024×1024 image from Stable Diffusion 3 Medium took about 2,282 J
//     (GPU energy doubled for the rest of the server) = 0.63 Wh.
//   - High: Luccioni, Jernite & Strubell, "Power Hungry Processing" (ACM
//     FAccT 2024): the least efficient image model used 11.49 kWh per 1,000
//     images (their mean over image models: 2.907 kWh per 1,000).
const (
	imageWhLow  = 2282.0 / 3600
	imageWhHigh = 11.49
)

// Video generation, Wh per clip of about 5 seconds (MIT Technology Review,
// May 2025): an older open model took about 109,000 J per clip, a newer one
// about 3.4 million J. The clip length is not visible; we count one clip.
const (
	videoWhLow  = 109_000.0 / 3600
	videoWhHigh = 3.4e6 / 3600
)

// Sanity bounds on what a request can be. They are not published figures:
// a single answer of a million tokens, or a two-million-token prompt, is
// beyond any assistant's context window today, so such input is a bug.
const (
	MaxOutputTokens = 1_000_000
	MaxInputTokens  = 2_000_000
	MaxChars        = 16 << 20
	maxLatencyS     = 24 * 3600.0
)
