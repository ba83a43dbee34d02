/**
 * Upper-case words that are tickers but mostly appear in news as something else: English words written in
 * capitals ("IT", "ON", "ALL", "CAN" are all listed tickers), abbreviations of finance and politics ("CEO",
 * "EPS", "GDP", "SEC", "FDA", "AI", "EV"), currencies and wire-service words ("UPDATE", "NEWS"). A word on
 * this list is tagged only as a cashtag ("$ON") or through the company's name, never bare. One-letter tickers
 * ("A", "F", "T") are never tagged bare either, whether listed here or not.
 */
export const DEFAULT_TICKER_STOP_LIST: readonly string[] = (
  'AM AN ARE AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF OH OK ON OR SO TO UP US WE ALL AND ANY ' +
  'BIG BUT CAN FOR HAS HAD HER HIM HIS HOW ITS NEW NOT NOW ONE OUR OUT OWN SEE THE TWO WAS WHO ' +
  'WHY YOU BEST CASH FAST FREE FUN GAIN GOOD HOPE KEY LIFE LOVE LOW HIGH NEXT OPEN PLAY REAL RUN ' +
  'SAFE TRUE WELL BEAT MISS MOVE RISE SAVE SELL BUY HOLD TOP WIN WORK CARE EDIT PLUS EAT FLY JOB ' +
  'JOBS MAN POST SHOP SITE TECH TELL TIME VERY WAY ' +
  'AI ATH ATM CEO CFO COO CTO CPI DD DOJ EPS ETF ETFS EU EV EVS FDA FED FOMC FTC FX GDP IMF IPO ' +
  'IRS M&A NFP OPEC OTC PCE PE PMI PPI PT QOQ SEC SPAC UK UN USA YOY YTD Q1 Q2 Q3 Q4 H1 H2 FY API ' +
  'PC TV NYSE NASDAQ AMEX ESG ROI ROE EBIT EBITDA GAAP LLC INC CORP PLC LTD ' +
  'USD EUR GBP JPY CNY CHF CAD AUD ' +
  'NEWS UPDATE BREAKING LIVE WATCH ALERT REPORT EXCLUSIVE VIDEO '
)
  .trim()
  .split(' ');
