"""Slack's documented limits, as the simulated Web API enforces them."""

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
# Slack answers msg_blocks_too_long near 13k characters of JSON in a message's blocks.
MESSAGE_BLOCKS_CHARS = 13_000
MESSAGE_TEXT_CHARS = 40_000
ID_CHARS = 255
OPTION_TEXT_CHARS = 75
OPTION_VALUE_CHARS = 150
CHOICE_OPTIONS = 10  # checkboxes and radio buttons
TEXT_INPUT_CHARS = 3_000
PRIVATE_METADATA_CHARS = 3_000
MODAL_STACK = 3
ALT_TEXT_CHARS = 1_000
USERS_PAGE = 200
TRIGGER_SECONDS = 3.0
RESPONSE_URL_USES = 5
RESPONSE_URL_MINUTES = 30
SELECT_OPTIONS = 100  # a select's options, and an external select's answer
