"""Slack's documented limits (SLACK.md), and the margins the bot keeps under them."""

# Block Kit: a message's and a view's blocks, and the text each element holds.
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
# Slack answers msg_blocks_too_long near 13k characters of JSON; stay clearly below it.
MESSAGE_BLOCKS_CHARS = 12_000
SECTION_TEXT = 3_000  # a section's text, and each context element's
TEXT_INPUT = 3_000  # what a plain_text_input holds
CONTEXT_ELEMENTS = 10
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2_000
OPTION_TEXT = 75
SELECT_OPTIONS = 100
LABEL_TEXT = 2_000
HINT_TEXT = 2_000
VIEW_TITLE = 24
ID_CHARS = 255
# A response_url takes this many answers, each within 30 minutes.
RESPONSE_URL_USES = 5

# What the bot's long messages (digest, list, learnings) keep to: room for a closing note.
MAX_BLOCKS = MESSAGE_BLOCKS - 5
MAX_JSON_CHARS = 10_000

# Calls per workspace and app: chat.postMessage, one channel's messages, and each tier.
MESSAGES_PER_MINUTE = 100
CHANNEL_MESSAGES_PER_SECOND = 1
TIER2_PER_MINUTE = 20
TIER3_PER_MINUTE = 50
TIER4_PER_MINUTE = 100
