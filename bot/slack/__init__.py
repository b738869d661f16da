"""The Slack edge: payloads, ids, Block Kit and the Web API live here and nowhere else."""
