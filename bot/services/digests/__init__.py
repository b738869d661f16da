"""The weekly team digest: assembly, when it is due, posting and subscriptions."""
