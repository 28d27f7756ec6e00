-- V7_1 turned every program's earn rate into a rule.
ALTER TABLE program DROP COLUMN earn_rate;
