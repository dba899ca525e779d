-- Filing numbers (立案编号) are the last ten characters of the case uid: look them up without a scan.
CREATE INDEX cases_filing_number ON cases(substr(uid, 17));
