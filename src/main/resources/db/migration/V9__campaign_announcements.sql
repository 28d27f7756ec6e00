-- When the campaign job announced a campaign's start and end (CampaignStarted, CampaignEnded): once each.
ALTER TABLE campaign ADD COLUMN start_announced_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE campaign ADD COLUMN end_announced_at TIMESTAMP WITH TIME ZONE;
