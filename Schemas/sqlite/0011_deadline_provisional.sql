-- A deadline's last day may rest on a year without a published holiday notice (provisional, with the reason), and a
-- deadline that cannot be computed is kept with its nominal day and the error instead of being dropped.
ALTER TABLE deadlines ADD COLUMN provisional TEXT;
ALTER TABLE deadlines ADD COLUMN error TEXT;
