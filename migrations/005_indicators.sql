-- Reading one region's indicators over time (its trend, the region page) and
-- the list of periods with indicators (the nation's row exists for every
-- period that has any). The primary key (period, region_code) serves a
-- period's rows; without this index a region's trend would read every row of
-- every period (about 91,000 regions a month).
CREATE INDEX indicators_region_idx ON indicators (region_code, period);
