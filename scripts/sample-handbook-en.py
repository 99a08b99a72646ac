#!/usr/bin/env python3
"""Makes the English edition of the sample investment handbook
(content/publication/cam-nang-dau-tu-tinh-lang-son-2026/lang-son-investment-handbook-2026-en.pdf)
with ReportLab, the library the Vietnamese edition was made with. Sample data, not an official
publication. Run: python3 -m venv v && v/bin/pip install reportlab && v/bin/python this-file OUT.pdf
"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, PageBreak, Table, TableStyle
from reportlab.lib import colors

FONTS = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DejaVu", FONTS + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONTS + "DejaVuSans-Bold.ttf"))

TITLE = "Lạng Sơn Province Investment Handbook 2026"
base = getSampleStyleSheet()
body = ParagraphStyle("body", parent=base["BodyText"], fontName="DejaVu", fontSize=10.5, leading=15)
h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName="DejaVu-Bold", fontSize=17, leading=22, spaceAfter=8)
h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName="DejaVu-Bold", fontSize=13, leading=17, spaceBefore=8)
cover = ParagraphStyle("cover", parent=h1, fontSize=26, leading=32, spaceBefore=60)
small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)


def page(canvas, doc):
    canvas.saveState()
    canvas.setFont("DejaVu", 8)
    canvas.drawString(20 * mm, 287 * mm, "Sample data — " + TITLE + " (English edition)")
    canvas.drawRightString(190 * mm, 10 * mm, "Page %d" % doc.page)
    canvas.restoreState()


def bullets(items):
    return [Paragraph("• " + i, body) for i in items]


story = [
    Paragraph("LẠNG SƠN PROVINCE<br/>INVESTMENT HANDBOOK 2026", cover),
    Paragraph("English edition", h2),
    Spacer(1, 12),
    Paragraph("SAMPLE DATA", h2),
    Paragraph("An illustration for the QuangBa promotional-image data system; not an official publication of the "
              "province. Project figures are assumed.", body),
    Spacer(1, 40),
    Paragraph("Investment, Trade and Tourism Promotion Centre of Lạng Sơn Province", body),
    Paragraph("Lạng Sơn, 2026", body),
    PageBreak(),
    Paragraph("1. Lạng Sơn at a glance", h1),
    Paragraph("Lạng Sơn is a mountainous border province in north-eastern Việt Nam, about 154 km from Hà Nội along "
              "National Road 1A. Its border with the Guangxi Zhuang Autonomous Region of China is about 231 km long, "
              "and it lies on the Nanning – Lạng Sơn – Hà Nội economic corridor: the main land gateway between China, "
              "Việt Nam and ASEAN.", body),
    Paragraph("The province covers about 8,310 km² and has about 800,000 inhabitants, mostly Nùng, Tày and Kinh. "
              "Since 1 July 2025 local government in Việt Nam has two levels, the province and the commune.", body),
    Paragraph("2. Transport and border gates", h1),
    *bullets([
        "Hữu Nghị International Border Gate: a major road crossing for passengers and goods.",
        "Đồng Đăng International Railway Station: freight and passenger trains on the Hà Nội – Nanning – Beijing line.",
        "Tân Thanh Border Gate: a key crossing for farm produce and fresh fruit.",
        "The Hà Nội – Lạng Sơn expressway shortens the journey between the capital and the border.",
    ]),
    Paragraph("3. Economic zone and industrial parks", h1),
    Paragraph("The Đồng Đăng – Lạng Sơn Border Gate Economic Zone (2008) enjoys the province's highest investment "
              "incentives, for trade, logistics, warehousing, export processing and customs services. The Đồng Bành "
              "and Hữu Lũng industrial parks host agro-forestry processing, building materials, wood and light industry.",
              body),
    PageBreak(),
    Paragraph("4. Projects open to investors in 2026 (sample data)", h1),
]
rows = [["Project", "Place", "Size", "Planned capital"],
        ["Đồng Đăng logistics centre and bonded warehouse", "Đồng Đăng", "46.5 ha", "VND 1,200 billion"],
        ["Mẫu Sơn eco-resort", "Mẫu Sơn", "180 ha", "VND 2,800 billion"],
        ["Star anise and cinnamon deep-processing plant", "Đồng Bành IP", "8 ha", "USD 25 million"],
        ["Lộc Bình wind farm (~100 MW)", "Lộc Bình", "45 ha", "VND 3,400 billion"]]
table = Table([[Paragraph(c, small) for c in r] for r in rows], colWidths=[70 * mm, 35 * mm, 22 * mm, 40 * mm])
table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
story += [table, Spacer(1, 10),
          Paragraph("5. Contacts (sample data)", h1),
          *bullets([
              "Investment, Trade and Tourism Promotion Centre: xuctien@langson.quangba.example",
              "Department of Finance (investment policy): dautu@langson.quangba.example",
              "Border Gate Economic Zone Management Board: kkt@langson.quangba.example",
          ]),
          Spacer(1, 10),
          Paragraph("The full handbook, in Vietnamese, has seven chapters. Everything in this edition is sample data "
                    "used to demonstrate the QuangBa system; the e-mail addresses use a sample domain and do not work.",
                    small)]

doc = SimpleDocTemplate(sys.argv[1], pagesize=A4, title=TITLE + " (English edition, sample data)",
                        author="Investment, Trade and Tourism Promotion Centre of Lạng Sơn Province",
                        subject="Sample data", lang="en", invariant=1,
                        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=18 * mm)
doc.build(story, onFirstPage=page, onLaterPages=page)
