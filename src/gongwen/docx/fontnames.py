"""The fonts of a 公文 by role (GB/T 9704 §7.3.3, §7.2.4, §7.5), as Word/WPS on Chinese
Windows write their names. A module of its own, without python-docx, so that ``gongwen fonts``
and the PDF font map read them without importing the .docx stack."""

FONT_BODY = "仿宋_GB2312"
FONT_LEVEL1 = "黑体"
FONT_LEVEL2 = "楷体_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"
