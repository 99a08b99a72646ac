#!/usr/bin/env python3
"""Synthetic QuangBa content repository for benchmarks.

    python3 bench/generate.py N OUTDIR [--seed S] [--languages vi,en,zh-Hans,ja,ko] [--jobs J]

Writes OUTDIR/quangba.yaml (a SAMPLE configuration, `sample: true`, with the code lists of the
real Lạng Sơn configuration) and N items under OUTDIR/content/<kind>/<id>/, each with item.yaml
and one <lang>.md per language, valid under docs/content-format.md. The mix of kinds is about
60% article, 5% clarification, 15% media, 10% project, 7% event, 3% publication. Media items
carry a tiny PNG and publications a one-page PDF, recorded with their exact size and checksum.
The site's templates and UI strings (site-templates/, locales/) are copied from the package, so
`quangba build` works on the result.

All text is made of real words of each language put together at random: it reads like a
plausible sentence at a glance but says nothing. The output depends only on N, the seed and the
languages; the same arguments always give byte-identical files.
"""

import argparse
import shutil
import hashlib
import json
import os
import random
import struct
import sys
import time
import unicodedata
import zlib
from multiprocessing import Pool

SOURCE = "vi"
ALL_LANGUAGES = ["vi", "en", "zh-Hans", "ja", "ko"]
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "zh-Hans": "简体中文", "ja": "日本語", "ko": "한국어"}

# ---------------------------------------------------------------------------------------------
# Configuration: the code lists of /work/main/quangba.yaml (copied, so that the generated
# repository does not change when the real configuration does).

PROVINCE = {
    "vi": ("Lạng Sơn", "Tỉnh biên giới phía Đông Bắc Việt Nam, cửa ngõ giao thương với Trung Quốc và ASEAN."),
    "en": ("Lạng Sơn Province", "A border province in north-eastern Việt Nam and a trade gateway between China and ASEAN."),
    "zh-Hans": ("谅山省", "越南东北部边境省份，连接中国与东盟的贸易门户。"),
    "ja": ("ランソン省", "ベトナム北東部の国境の省で、中国とASEANを結ぶ交易の玄関口。"),
    "ko": ("랑선성", "베트남 북동부의 국경 지방으로, 중국과 아세안을 잇는 교역 관문입니다."),
}

def _names(vi, en, zh, ja, ko):
    return {"vi": vi, "en": en, "zh-Hans": zh, "ja": ja, "ko": ko}

UNITS = {
    "so-vhttdl": _names("Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism", "文化体育旅游厅", "文化・スポーツ・観光局", "문화체육관광국"),
    "so-tai-chinh": _names("Sở Tài chính", "Department of Finance", "财政厅", "財政局", "재정국"),
    "so-ngoai-vu": _names("Sở Ngoại vụ", "Department of Foreign Affairs", "外事厅", "外務局", "외무국"),
    "bql-kkt": _names("Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", "Management Board of Đồng Đăng – Lạng Sơn Border Gate Economic Zone", "同登—谅山口岸经济区管理委员会", "ドンダン・ランソン国境ゲート経済区管理委員会", "동당–랑선 국경관문경제구역 관리위원회"),
    "ttxt": _names("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "Investment, Trade and Tourism Promotion Centre", "投资贸易旅游促进中心", "投資・貿易・観光促進センター", "투자·무역·관광 진흥센터"),
}
TOPICS = {
    "land-people": _names("Đất và người", "Land and people", "土地与人民", "土地と人々", "땅과 사람"),
    "history": _names("Lịch sử", "History", "历史", "歴史", "역사"),
    "culture": _names("Văn hóa", "Culture", "文化", "文化", "문화"),
    "tourism": _names("Du lịch", "Tourism", "旅游", "観光", "관광"),
    "cuisine": _names("Ẩm thực", "Cuisine", "美食", "食文化", "음식"),
    "investment": _names("Môi trường đầu tư", "Investment environment", "投资环境", "投資環境", "투자 환경"),
    "economic-zones": _names("Khu công nghiệp và khu kinh tế", "Industrial and economic zones", "工业园区与经济区", "工業団地・経済区", "산업단지와 경제구역"),
    "achievements": _names("Thành tựu", "Achievements", "发展成就", "発展の成果", "발전 성과"),
    "policies": _names("Chính sách", "Policies", "政策", "政策", "정책"),
    "border": _names("Biên giới và chủ quyền", "Border and sovereignty", "边境与主权", "国境と主権", "국경과 주권"),
}
CHANNELS = {
    "portal": _names("Cổng thông tin điện tử tỉnh", "Provincial web portal", "省电子信息门户", "省ポータルサイト", "성 전자정보포털"),
    "promotion-db": _names("Cơ sở dữ liệu quảng bá hình ảnh", "Promotional image database", "形象推广数据库", "イメージ広報データベース", "이미지 홍보 데이터베이스"),
    "publications": _names("Xuất bản phẩm", "Publications", "出版物", "出版物", "출판물"),
    "border-displays": _names("Trưng bày tại cửa khẩu", "Border-gate displays", "口岸展示", "国境ゲートでの展示", "국경관문 전시"),
    "domestic-press": _names("Báo chí trong nước", "Domestic press", "国内媒体", "国内報道機関", "국내 언론"),
    "foreign-media": _names("Báo chí nước ngoài", "Foreign media", "外国媒体", "海外メディア", "해외 언론"),
    "online-media": _names("Truyền thông trực tuyến", "Online media", "网络媒体", "オンラインメディア", "온라인 미디어"),
    "events": _names("Sự kiện, hội chợ, triển lãm", "Events, fairs and exhibitions", "活动、展会与展览", "イベント・見本市・展示会", "행사·박람회·전시회"),
    "press-contacts": _names("Tiếp xúc báo chí", "Press contacts", "媒体接待", "報道対応", "언론 접촉"),
}
SECTORS = {
    "agriculture": _names("Nông, lâm nghiệp", "Agriculture and forestry", "农林业", "農林業", "농림업"),
    "agro-processing": _names("Chế biến nông lâm sản", "Agro-forestry processing", "农林产品加工", "農林産物加工", "농림산물 가공"),
    "manufacturing": _names("Công nghiệp chế biến, chế tạo", "Manufacturing", "制造业", "製造業", "제조업"),
    "logistics": _names("Logistics và kho vận", "Logistics and warehousing", "物流仓储", "物流・倉庫", "물류·창고"),
    "trade-services": _names("Thương mại, dịch vụ", "Trade and services", "商贸服务", "商業・サービス", "상업·서비스"),
    "tourism": _names("Du lịch", "Tourism", "旅游", "観光", "관광"),
    "energy": _names("Năng lượng", "Energy", "能源", "エネルギー", "에너지"),
    "infrastructure": _names("Hạ tầng", "Infrastructure", "基础设施", "インフラ", "인프라"),
    "urban": _names("Đô thị", "Urban development", "城市开发", "都市開発", "도시 개발"),
}
LOCALITIES = {
    "dong-dang": _names("Đồng Đăng", "Đồng Đăng", "同登", "ドンダン", "동당"),
    "tan-thanh": _names("Tân Thanh", "Tân Thanh", "新清", "タンタイン", "떤타인"),
    "cao-loc": _names("Cao Lộc", "Cao Lộc", "高禄", "カオロック", "까오록"),
    "mau-son": _names("Mẫu Sơn", "Mẫu Sơn", "母山", "マウソン", "머우선"),
    "huu-lung": _names("Hữu Lũng", "Hữu Lũng", "友陇", "フールン", "흐우룽"),
    "chi-lang": _names("Chi Lăng", "Chi Lăng", "支棱", "チーラン", "찌랑"),
    "bac-son": _names("Bắc Sơn", "Bắc Sơn", "北山", "バクソン", "박선"),
    "loc-binh": _names("Lộc Bình", "Lộc Bình", "禄平", "ロックビン", "록빈"),
    "luong-van-tri": _names("Lương Văn Tri", "Lương Văn Tri", "梁文知", "ルオンヴァンチ", "르엉반찌"),
    "tam-thanh": _names("Tam Thanh", "Tam Thanh", "三清", "タムタイン", "땀타인"),
    "ky-lua": _names("Kỳ Lừa", "Kỳ Lừa", "祈驴", "キールア", "끼르어"),
}
ZONES = {
    "bgez-dong-dang": _names("Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", "Đồng Đăng – Lạng Sơn Border Gate Economic Zone", "同登—谅山口岸经济区", "ドンダン・ランソン国境ゲート経済区", "동당–랑선 국경관문경제구역"),
    "ip-dong-banh": _names("Khu công nghiệp Đồng Bành", "Đồng Bành Industrial Park", "同彭工业园区", "ドンバン工業団地", "동반 산업단지"),
    "ip-huu-lung": _names("Khu công nghiệp Hữu Lũng", "Hữu Lũng Industrial Park", "友陇工业园区", "フールン工業団地", "흐우룽 산업단지"),
}
# Approximate centres of the localities (WGS 84), for geo points near them.
LOCALITY_GEO = {
    "dong-dang": (21.9496, 106.7046), "tan-thanh": (21.9712, 106.6385), "cao-loc": (21.8690, 106.8450),
    "mau-son": (21.8520, 106.9480), "huu-lung": (21.5060, 106.3460), "chi-lang": (21.6480, 106.5750),
    "bac-son": (21.9000, 106.3220), "loc-binh": (21.7600, 106.9230), "luong-van-tri": (21.8470, 106.7580),
    "tam-thanh": (21.8537, 106.7615), "ky-lua": (21.8567, 106.7632),
}

# ---------------------------------------------------------------------------------------------
# Vocabulary. Phrases are grouped by role so that sentences come out roughly grammatical.

VI = {
    "subj": [
        "Tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh", "Ban Quản lý Khu kinh tế", "Sở Văn hóa, Thể thao và Du lịch",
        "Trung tâm Xúc tiến Đầu tư", "người dân địa phương", "đồng bào Tày, Nùng", "du khách trong và ngoài nước",
        "các doanh nghiệp logistics", "nhà đầu tư nước ngoài", "chính quyền các xã biên giới", "thành phố Lạng Sơn",
        "cửa khẩu quốc tế Hữu Nghị", "ga liên vận quốc tế Đồng Đăng", "chợ Kỳ Lừa", "vùng núi Mẫu Sơn",
        "thung lũng Bắc Sơn", "Khu công nghiệp Đồng Bành", "các hợp tác xã nông nghiệp", "ngành du lịch",
        "ngành công thương", "lực lượng biên phòng", "các nghệ nhân hát then", "thanh niên vùng cao",
        "phụ nữ dân tộc Dao", "các làng nghề truyền thống", "xã Tân Thanh", "xã Hữu Lũng", "xã Chi Lăng",
        "xã Lộc Bình", "phường Tam Thanh", "phường Lương Văn Tri", "khu vực cửa khẩu Chi Ma",
        "các trường đại học", "cộng đồng doanh nghiệp", "hiệp hội du lịch tỉnh", "các nhà khoa học",
        "đoàn công tác của tỉnh", "các cơ quan báo chí", "người nông dân trồng hồi",
    ],
    "verb": [
        "đẩy mạnh", "phát triển", "thu hút", "quảng bá", "giới thiệu", "bảo tồn", "khai thác", "nâng cao",
        "mở rộng", "hỗ trợ", "tổ chức", "xây dựng", "cải thiện", "kết nối", "gìn giữ", "phát huy",
        "tăng cường", "đón tiếp", "triển khai", "hoàn thiện", "đầu tư vào", "chú trọng", "khôi phục",
        "số hóa", "nghiên cứu", "tôn vinh", "tìm hiểu", "chia sẻ", "thúc đẩy", "đa dạng hóa",
        "quy hoạch", "cải tạo", "khảo sát", "trưng bày", "ký kết hợp tác về", "đào tạo về",
        "góp phần vào", "tham gia", "hướng dẫn", "đăng ký",
    ],
    "obj": [
        "hạ tầng giao thông", "hoạt động xuất nhập khẩu", "giá trị văn hóa truyền thống", "môi trường đầu tư",
        "sản phẩm du lịch cộng đồng", "đặc sản hoa hồi", "quýt vàng Bắc Sơn", "hồng không hạt Bảo Lâm",
        "làn điệu hát then", "lễ hội Lồng tồng", "chuỗi cung ứng nông sản", "dịch vụ kho bãi",
        "thủ tục thông quan điện tử", "nguồn nhân lực chất lượng cao", "nghề dệt thổ cẩm", "món vịt quay lá mắc mật",
        "khâu nhục", "phở chua", "bánh cuốn trứng", "xôi ngũ sắc", "nhà sàn truyền thống", "chợ phiên vùng cao",
        "động Tam Thanh", "chùa Tam Thanh", "núi Tô Thị", "thành nhà Mạc", "ải Chi Lăng", "sông Kỳ Cùng",
        "di tích lịch sử cách mạng", "cao tốc Hà Nội – Lạng Sơn", "Quốc lộ 1A", "khu kinh tế cửa khẩu",
        "cửa khẩu thông minh", "trung tâm logistics", "kho lạnh bảo quản nông sản", "hợp tác kinh tế biên giới",
        "thương mại điện tử", "du lịch sinh thái", "du lịch nghỉ dưỡng", "điểm dừng chân", "homestay của người Tày",
        "rừng thông Mẫu Sơn", "cánh đồng lúa chín", "hệ thống hang động đá vôi", "dược liệu quý",
        "chè shan tuyết", "rượu Mẫu Sơn", "đào phai xứ Lạng", "thị trường ASEAN", "các dự án năng lượng tái tạo",
        "quy hoạch đô thị", "ứng dụng công nghệ số", "cơ sở dữ liệu quảng bá", "hình ảnh quê hương xứ Lạng",
        "tiềm năng và lợi thế", "mối quan hệ hữu nghị", "chính sách ưu đãi đầu tư", "mặt bằng sạch",
        "nguồn vốn ngân sách", "các tuyến du lịch mới", "sản phẩm OCOP", "nghề rèn truyền thống",
        "tri thức dân gian", "kiến trúc cổ", "bản sắc dân tộc", "đời sống người dân", "an ninh trật tự",
        "cột mốc biên giới", "vùng nguyên liệu", "hàng nông sản xuất khẩu", "khu dân cư mới",
        "các dịch vụ công trực tuyến", "lễ hội đầu xuân", "nghệ thuật đàn tính", "trang phục truyền thống",
        "hệ thống cấp nước", "trạm kiểm soát liên hợp", "cảnh quan thiên nhiên", "giao lưu văn hóa",
    ],
    "adv": [
        "trong năm nay", "trong giai đoạn 2021–2025", "theo định hướng của tỉnh", "tại các xã vùng biên",
        "một cách bền vững", "với sự tham gia của cộng đồng", "trên tuyến Quốc lộ 1A", "dọc sông Kỳ Cùng",
        "vào dịp đầu xuân", "trong những tháng cuối năm", "theo kế hoạch đã đề ra", "ở khu vực miền núi",
        "gắn với xây dựng nông thôn mới", "nhằm thu hút du khách", "để phục vụ nhà đầu tư",
        "theo hướng hiện đại", "trên địa bàn tỉnh", "từ nhiều năm nay", "với quy mô lớn", "ngày càng hiệu quả",
        "tại khu vực cửa khẩu", "trong mùa lễ hội", "cùng các tỉnh bạn", "trong thời gian tới",
        "với nhiều hình thức phong phú", "theo tinh thần đổi mới", "tại trung tâm tỉnh lỵ", "trong dịp hè",
        "ở vùng đồng bào dân tộc", "theo quy định của pháp luật",
    ],
    "conn": [
        "Bên cạnh đó,", "Ngoài ra,", "Theo kế hoạch,", "Trong những năm gần đây,", "Đặc biệt,", "Đồng thời,",
        "Hiện nay,", "Nhờ vậy,", "Từ đầu năm,", "Theo lãnh đạo tỉnh,", "Trước đó,", "Tiếp nối thành công đó,",
        "Với lợi thế cửa ngõ,", "Cũng trong dịp này,", "Theo số liệu thống kê,", "Song song với đó,",
        "Mặt khác,", "Từ năm 2025,", "Trong thời gian qua,", "Như vậy,",
    ],
    "pred": [
        "là điểm đến hấp dẫn của du khách", "có vị trí chiến lược quan trọng", "giữ vai trò cửa ngõ giao thương",
        "là niềm tự hào của người dân xứ Lạng", "có nhiều tiềm năng phát triển", "được nhiều người biết đến",
        "đã đạt được những kết quả tích cực", "ngày càng khởi sắc", "mang đậm bản sắc văn hóa vùng biên",
        "là một trong những địa danh nổi tiếng", "có khí hậu mát mẻ quanh năm", "thu hút đông đảo du khách",
        "đang thay đổi từng ngày", "có lịch sử hàng trăm năm", "được công nhận là di sản văn hóa",
        "là cầu nối giữa Việt Nam và Trung Quốc", "có cảnh quan thiên nhiên độc đáo",
        "được đầu tư đồng bộ", "trở thành động lực tăng trưởng", "góp phần nâng cao thu nhập cho người dân",
    ],
    "head": [
        "Vị trí và tiềm năng", "Lịch sử hình thành", "Giá trị văn hóa", "Kết quả nổi bật", "Định hướng phát triển",
        "Thông tin cho nhà đầu tư", "Hướng dẫn tham quan", "Ẩm thực địa phương", "Chính sách hỗ trợ",
        "Hạ tầng và kết nối", "Cộng đồng và đời sống", "Hoạt động chính", "Những con số ấn tượng",
        "Bảo tồn và phát huy", "Kế hoạch thời gian tới", "Liên hệ", "Bối cảnh", "Điểm đến gợi ý",
    ],
    "title_tail": [
        "năm 2026", "giai đoạn mới", "vùng biên giới", "xứ Lạng", "trên quê hương Lạng Sơn", "cho nhà đầu tư",
        "mùa xuân", "bốn mùa", "trong thời kỳ hội nhập", "tại cửa khẩu Hữu Nghị",
    ],
}

EN = {
    "subj": [
        "Lạng Sơn Province", "The provincial People's Committee", "The Economic Zone Management Board",
        "The Department of Culture, Sports and Tourism", "The Investment Promotion Centre", "Local residents",
        "Tày and Nùng communities", "Visitors from home and abroad", "Logistics companies", "Foreign investors",
        "Border commune authorities", "Lạng Sơn city", "The Hữu Nghị international border gate",
        "Đồng Đăng international railway station", "Kỳ Lừa market", "The Mẫu Sơn mountain area",
        "The Bắc Sơn valley", "Đồng Bành Industrial Park", "Agricultural cooperatives", "The tourism sector",
        "The trade and industry sector", "Border guards", "Then singers", "Young people in the highlands",
        "Dao women", "Traditional craft villages", "Tân Thanh commune", "Hữu Lũng commune", "Chi Lăng commune",
        "Local universities", "The business community", "The provincial tourism association", "Researchers",
        "A provincial delegation", "Journalists", "Star anise growers",
    ],
    "verb": [
        "promotes", "develops", "attracts", "showcases", "introduces", "preserves", "makes use of",
        "improves", "expands", "supports", "organises", "builds", "upgrades", "connects", "protects",
        "highlights", "strengthens", "welcomes", "carries out", "completes", "invests in", "focuses on",
        "restores", "digitises", "studies", "celebrates", "explores", "shares", "encourages", "diversifies",
        "plans", "renovates", "surveys", "exhibits", "trains people in", "contributes to", "takes part in",
    ],
    "obj": [
        "transport infrastructure", "import and export activity", "traditional cultural values",
        "the investment environment", "community-based tourism products", "star anise", "Bắc Sơn golden mandarins",
        "seedless Bảo Lâm persimmons", "Then singing", "the Lồng Tồng festival", "farm produce supply chains",
        "warehousing services", "electronic customs clearance", "a skilled workforce", "brocade weaving",
        "roast duck with mắc mật leaves", "braised pork khâu nhục", "sour phở", "egg rice rolls",
        "five-colour sticky rice", "stilt houses", "highland markets", "Tam Thanh cave", "Tam Thanh pagoda",
        "Tô Thị mountain", "the Mạc dynasty citadel", "the Chi Lăng pass", "the Kỳ Cùng river",
        "revolutionary heritage sites", "the Hà Nội – Lạng Sơn expressway", "National Highway 1A",
        "the border gate economic zone", "the smart border gate", "a logistics centre", "cold storage for produce",
        "cross-border economic cooperation", "e-commerce", "eco-tourism", "resort tourism", "rest stops",
        "Tày homestays", "the Mẫu Sơn pine forest", "ripening rice fields", "limestone caves", "medicinal herbs",
        "Shan tuyết tea", "Mẫu Sơn rice wine", "peach blossoms", "ASEAN markets", "renewable energy projects",
        "urban planning", "digital services", "the promotional image database", "the image of the province",
        "its potential and strengths", "friendly relations", "investment incentives", "cleared land",
        "public funding", "new tourist routes", "OCOP products", "traditional blacksmithing", "folk knowledge",
        "old architecture", "ethnic identity", "people's livelihoods", "border markers", "raw material areas",
        "export produce", "new residential areas", "online public services", "spring festivals",
        "the tính lute", "traditional costume", "the water supply", "joint inspection stations", "natural scenery",
        "cultural exchange",
    ],
    "adv": [
        "this year", "in the 2021–2025 period", "in line with provincial plans", "in border communes",
        "sustainably", "with the participation of the community", "along National Highway 1A",
        "along the Kỳ Cùng river", "at the start of spring", "in the last months of the year", "as planned",
        "in the mountain areas", "as part of new rural development", "to attract visitors", "for investors",
        "in a modern way", "across the province", "for many years", "on a large scale", "more and more effectively",
        "at the border gate", "during the festival season", "together with neighbouring provinces", "in the coming years",
        "in many different forms", "in the spirit of renewal", "in the provincial centre", "in the summer",
        "in ethnic minority areas", "as the law provides",
    ],
    "conn": [
        "In addition,", "Moreover,", "According to the plan,", "In recent years,", "In particular,", "At the same time,",
        "Today,", "As a result,", "Since the start of the year,", "According to provincial leaders,", "Earlier,",
        "Building on that success,", "As a gateway,", "On the same occasion,", "According to statistics,",
        "Alongside this,", "On the other hand,", "Since 2025,", "Over the past period,", "In short,",
    ],
    "pred": [
        "is an attractive destination for visitors", "holds an important strategic position",
        "serves as a gateway for trade", "is the pride of the people of Lạng Sơn", "has great potential",
        "is widely known", "has achieved positive results", "is flourishing", "carries the cultural identity of the border region",
        "is one of the best-known places in the north-east", "has a cool climate all year round",
        "draws large numbers of visitors", "is changing day by day", "has a history of several hundred years",
        "is recognised as cultural heritage", "is a bridge between Việt Nam and China", "has unique natural scenery",
        "has been developed in a coordinated way", "has become a driver of growth", "helps raise local incomes",
    ],
    "head": [
        "Location and potential", "History", "Cultural value", "Key results", "Development plans",
        "Information for investors", "Visiting", "Local food", "Support policies", "Infrastructure and connections",
        "Community life", "Main activities", "Facts and figures", "Conservation", "Next steps", "Contact",
        "Background", "Places to see",
    ],
    "title_tail": [
        "in 2026", "in a new period", "in the border region", "in Lạng Sơn", "for investors", "in spring",
        "all year round", "in the age of integration", "at the Hữu Nghị border gate", "in the north-east",
    ],
}

ZH = {
    "subj": [
        "谅山省", "省人民委员会", "经济区管理委员会", "文化体育旅游厅", "投资促进中心", "当地居民", "岱依族和侬族同胞",
        "国内外游客", "物流企业", "外国投资者", "边境各乡政府", "谅山市", "友谊国际口岸", "同登国际联运火车站",
        "祈驴市场", "母山山区", "北山山谷", "同彭工业园区", "农业合作社", "旅游业", "工商业", "边防部队",
        "天曲艺人", "山区青年", "瑶族妇女", "传统手工艺村", "新清乡", "友陇乡", "支棱乡", "企业界",
    ],
    "verb": [
        "推动", "发展", "吸引", "推广", "介绍", "保护", "开发", "提升", "扩大", "支持", "举办", "建设", "改善", "连接",
        "传承", "发挥", "加强", "接待", "实施", "完善", "投资", "重视", "恢复", "数字化", "研究", "展示", "促进",
    ],
    "obj": [
        "交通基础设施", "进出口贸易", "传统文化价值", "投资环境", "社区旅游产品", "八角特产", "北山金橘", "宝林无籽柿",
        "天曲", "龙通节", "农产品供应链", "仓储服务", "电子通关手续", "高素质人力资源", "织锦手艺", "烤鸭", "扣肉",
        "酸粉", "五色糯米饭", "传统高脚屋", "山区集市", "三清洞", "三清寺", "望夫山", "莫朝古城", "支棱关", "奇穷河",
        "革命历史遗迹", "河内—谅山高速公路", "一号国道", "口岸经济区", "智慧口岸", "物流中心", "农产品冷库",
        "边境经济合作", "电子商务", "生态旅游", "度假旅游", "母山松林", "石灰岩溶洞", "珍贵药材", "山雪茶",
        "桃花", "东盟市场", "可再生能源项目", "城市规划", "数字技术应用", "形象推广数据库", "优惠政策", "友好关系",
    ],
    "adv": [
        "近年来", "目前", "今年", "在新时期", "在2021—2025年期间", "按照省里的规划", "在边境各乡", "沿着奇穷河",
        "在春节期间", "在年底", "在山区", "为吸引游客", "为服务投资者", "在全省范围内", "多年来", "在口岸地区",
        "在节庆期间", "与周边省份一道", "在今后一段时间", "以多种形式",
    ],
    "adj": ["积极", "大力", "不断", "全面", "持续", "进一步", "认真", "稳步"],
    "pred": [
        "是颇具吸引力的旅游目的地", "具有重要的战略地位", "发挥着贸易门户的作用", "是谅山人民的骄傲", "具有巨大的发展潜力",
        "广为人知", "取得了积极成果", "日新月异", "具有浓郁的边境文化特色", "是越中两国之间的桥梁", "拥有独特的自然风光",
        "已成为经济增长的动力", "四季气候凉爽",
    ],
    "head": ["区位与潜力", "历史沿革", "文化价值", "主要成果", "发展方向", "投资者须知", "参观指南", "地方美食",
             "扶持政策", "基础设施", "社区生活", "主要活动", "数据一览", "保护与传承", "下一步计划", "联系方式"],
    "title_tail": ["2026年", "新时期", "边境地区", "在谅山", "面向投资者", "春季", "四季", "友谊口岸"],
}

JA = {
    "subj": [
        "ランソン省", "省人民委員会", "経済区管理委員会", "文化・スポーツ・観光局", "投資促進センター", "地元の住民",
        "タイー族とヌン族の人々", "国内外の観光客", "物流企業", "外国の投資家", "国境地域の各村", "ランソン市",
        "フーギー国際国境ゲート", "ドンダン国際駅", "キールア市場", "マウソン山地", "バクソン渓谷", "ドンバン工業団地",
        "農業協同組合", "観光業界", "商工業界", "国境警備隊", "テン歌唱の職人", "山間部の若者", "ザオ族の女性",
        "伝統工芸村", "タンタイン村", "フールン村", "チーラン村", "地元企業",
    ],
    "verb": [
        "推進しています", "発展させています", "誘致しています", "紹介しています", "保全しています", "活用しています",
        "向上させています", "拡大しています", "支援しています", "開催しています", "整備しています", "改善しています",
        "結んでいます", "継承しています", "強化しています", "迎えています", "実施しています", "完成させました",
        "重視しています", "復元しています", "デジタル化しています", "研究しています", "展示しています", "促進しています",
    ],
    "obj": [
        "交通インフラ", "輸出入", "伝統文化の価値", "投資環境", "地域観光の商品", "八角", "バクソンのみかん",
        "種なし柿", "テン歌唱", "ロントン祭り", "農産物のサプライチェーン", "倉庫サービス", "電子通関手続き",
        "質の高い人材", "織物の技術", "ローストダック", "豚の角煮", "酸っぱいフォー", "五色おこわ", "高床式住居",
        "山間部の市場", "タムタイン洞窟", "タムタイン寺", "トーティー山", "莫朝の城跡", "チーラン峠", "キークン川",
        "歴史遺跡", "ハノイ・ランソン高速道路", "国道1号線", "国境ゲート経済区", "スマート国境ゲート", "物流センター",
        "農産物の冷蔵倉庫", "国境経済協力", "電子商取引", "エコツーリズム", "リゾート観光", "マウソンの松林",
        "石灰岩の洞窟", "貴重な薬草", "シャン・トゥエット茶", "桃の花", "ASEAN市場", "再生可能エネルギー事業",
        "都市計画", "デジタル技術", "イメージ広報データベース", "投資優遇策", "友好関係",
    ],
    "adv": [
        "近年", "現在", "今年", "新しい時代に", "2021〜2025年の期間に", "省の計画に沿って", "国境地域で", "キークン川沿いで",
        "春の初めに", "年末に", "山間部で", "観光客を呼び込むため", "投資家のために", "省全体で", "長年にわたり",
        "国境ゲート周辺で", "祭りの期間に", "近隣の省とともに", "今後", "さまざまな形で",
    ],
    "pred": [
        "魅力的な観光地です", "重要な戦略的位置にあります", "交易の玄関口の役割を果たしています", "ランソンの人々の誇りです",
        "大きな発展の可能性を持っています", "広く知られています", "着実な成果を上げています", "日々変化しています",
        "国境地域の文化を色濃く残しています", "ベトナムと中国を結ぶ架け橋です", "独特の自然景観に恵まれています",
        "経済成長の原動力になっています", "一年中涼しい気候です",
    ],
    "head": ["立地と可能性", "歴史", "文化的価値", "主な成果", "今後の方向性", "投資家向け情報", "見学案内", "郷土料理",
             "支援策", "インフラと交通", "地域の暮らし", "主な活動", "数字で見る", "保全と継承", "今後の計画", "お問い合わせ"],
    "title_tail": ["2026年", "新時代", "国境地域", "ランソンで", "投資家向け", "春", "四季", "フーギー国境ゲート"],
}

KO = {
    "subj": [
        "랑선성", "성 인민위원회", "경제구역 관리위원회", "문화체육관광국", "투자진흥센터", "지역 주민", "따이족과 눙족 주민",
        "국내외 관광객", "물류 기업", "외국인 투자자", "국경 지역 마을", "랑선시", "흐우응이 국제 국경관문", "동당 국제역",
        "끼르어 시장", "머우선 산지", "박선 계곡", "동반 산업단지", "농업 협동조합", "관광 업계", "상공업계", "국경 수비대",
        "텐 노래 예술인", "산간 지역 청년", "자오족 여성", "전통 공예 마을", "떤타인 마을", "흐우룽 마을", "찌랑 마을", "지역 기업",
    ],
    "verb": [
        "추진하고 있습니다", "발전시키고 있습니다", "유치하고 있습니다", "소개하고 있습니다", "보존하고 있습니다",
        "활용하고 있습니다", "향상시키고 있습니다", "확대하고 있습니다", "지원하고 있습니다", "개최하고 있습니다",
        "건설하고 있습니다", "개선하고 있습니다", "연결하고 있습니다", "계승하고 있습니다", "강화하고 있습니다",
        "맞이하고 있습니다", "시행하고 있습니다", "완성했습니다", "중시하고 있습니다", "복원하고 있습니다",
        "디지털화하고 있습니다", "연구하고 있습니다", "전시하고 있습니다", "촉진하고 있습니다",
    ],
    "obj": [
        "교통 인프라", "수출입 활동", "전통문화의 가치", "투자 환경", "지역 관광 상품", "팔각", "박선 귤", "씨 없는 감",
        "텐 노래", "롱똥 축제", "농산물 공급망", "창고 서비스", "전자 통관 절차", "우수한 인력", "직물 기술", "오리구이",
        "돼지고기 조림", "새콤한 쌀국수", "오색 찹쌀밥", "전통 고상가옥", "산간 장터", "땀타인 동굴", "땀타인 사원",
        "또티 산", "막 왕조 성터", "찌랑 고개", "끼꿍 강", "역사 유적", "하노이–랑선 고속도로", "1번 국도",
        "국경관문 경제구역", "스마트 국경관문", "물류 센터", "농산물 냉장 창고", "국경 경제 협력", "전자상거래",
        "생태 관광", "휴양 관광", "머우선 소나무 숲", "석회암 동굴", "귀한 약초", "산뚜옛 차", "복숭아꽃", "아세안 시장",
        "재생에너지 사업", "도시 계획", "디지털 기술", "이미지 홍보 데이터베이스", "투자 우대 정책", "우호 관계",
    ],
    "adv": [
        "최근 몇 년간", "현재", "올해", "새로운 시기에", "2021–2025년 기간에", "성의 계획에 따라", "국경 마을에서",
        "끼꿍 강을 따라", "봄이 시작될 때", "연말에", "산간 지역에서", "관광객을 유치하기 위해", "투자자를 위해",
        "성 전역에서", "오랫동안", "국경관문 주변에서", "축제 기간에", "인근 지방과 함께", "앞으로", "다양한 방식으로",
    ],
    "pred": [
        "매력적인 관광지입니다", "중요한 전략적 위치에 있습니다", "교역 관문의 역할을 하고 있습니다", "랑선 사람들의 자랑입니다",
        "큰 발전 잠재력을 가지고 있습니다", "널리 알려져 있습니다", "긍정적인 성과를 거두고 있습니다", "나날이 변하고 있습니다",
        "국경 지역의 문화를 간직하고 있습니다", "베트남과 중국을 잇는 다리입니다", "독특한 자연경관을 자랑합니다",
        "경제 성장의 원동력이 되고 있습니다", "일 년 내내 서늘한 기후입니다",
    ],
    "head": ["위치와 잠재력", "역사", "문화적 가치", "주요 성과", "발전 방향", "투자자 안내", "관람 안내", "향토 음식",
             "지원 정책", "인프라와 교통", "지역 생활", "주요 활동", "숫자로 보기", "보존과 계승", "향후 계획", "문의"],
    "title_tail": ["2026년", "새로운 시기", "국경 지역", "랑선에서", "투자자를 위한", "봄", "사계절", "흐우응이 국경관문"],
}

# Venues for event.place, the same places in each language.
PLACES = {
    "vi": ["Quảng trường 17/10, phường Lương Văn Tri", "Nhà văn hóa tỉnh Lạng Sơn", "Chợ Kỳ Lừa và các tuyến phố lân cận",
           "Khu di tích danh thắng động Tam Thanh", "Khu du lịch quốc gia Mẫu Sơn", "Trung tâm Hội nghị tỉnh Lạng Sơn",
           "Sân vận động tỉnh Lạng Sơn", "Khu di tích lịch sử Chi Lăng", "Thung lũng Bắc Sơn", "Cửa khẩu quốc tế Hữu Nghị",
           "Bờ sông Kỳ Cùng", "Khu công nghiệp Đồng Bành"],
    "en": ["17 October Square, Lương Văn Tri ward", "Lạng Sơn Provincial Cultural House", "Kỳ Lừa market and surrounding streets",
           "Tam Thanh cave heritage site", "Mẫu Sơn national tourist area", "Lạng Sơn Provincial Convention Centre",
           "Lạng Sơn Provincial Stadium", "Chi Lăng historic site", "Bắc Sơn valley", "Hữu Nghị international border gate",
           "Kỳ Cùng riverside", "Đồng Bành Industrial Park"],
    "zh-Hans": ["梁文知坊10月17日广场", "谅山省文化宫", "祈驴市场及周边街道", "三清洞名胜古迹区", "母山国家旅游区", "谅山省会议中心",
                "谅山省体育场", "支棱历史遗迹区", "北山山谷", "友谊国际口岸", "奇穷河畔", "同彭工业园区"],
    "ja": ["ルオンヴァンチ坊10月17日広場", "ランソン省文化会館", "キールア市場と周辺の通り", "タムタイン洞窟景勝地", "マウソン国家観光区",
           "ランソン省会議センター", "ランソン省競技場", "チーラン歴史遺跡", "バクソン渓谷", "フーギー国際国境ゲート", "キークン川の河畔",
           "ドンバン工業団地"],
    "ko": ["르엉반찌 동 10월 17일 광장", "랑선성 문화회관", "끼르어 시장과 주변 거리", "땀타인 동굴 명승지", "머우선 국가관광지구",
           "랑선성 컨벤션센터", "랑선성 경기장", "찌랑 역사 유적지", "박선 계곡", "흐우응이 국제 국경관문", "끼꿍 강변", "동반 산업단지"],
}

PEOPLE = [
    "Hoàng Thu Trang", "Vi Đức Thắng", "Nông Văn Minh", "Lương Hải Yến", "Hoàng Minh", "Lộc Thị Hà", "Đinh Văn Hùng",
    "Chu Thị Lan", "Mã Văn Tuấn", "Hà Thị Thu", "Lăng Văn Dũng", "Triệu Thị Mai", "Nguyễn Văn An", "Phùng Thị Nga",
]
TRANSLATORS = {
    "en": ["Trần Thu Hà", "Nguyễn Minh Anh", "Lê Quang Huy"],
    "zh-Hans": ["Hoàng Văn Long", "Lý Thị Hoa", "Đàm Quốc Bảo"],
    "ja": ["Đặng Thu Thảo", "Phạm Minh Khôi", "Vũ Thị Ngọc"],
    "ko": ["Bùi Thanh Tâm", "Ngô Thị Hằng", "Trịnh Văn Khánh"],
}
CREDITS = ["Sở Văn hóa, Thể thao và Du lịch Lạng Sơn", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch Lạng Sơn",
           "Báo Lạng Sơn", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn"]

KIND_MIX = [("article", 60), ("clarification", 5), ("media", 15), ("project", 10), ("event", 7), ("publication", 3)]
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

# ---------------------------------------------------------------------------------------------
# Text


def nfc(s):
    return unicodedata.normalize("NFC", s)


def cap(s):
    return s[:1].upper() + s[1:]


def has_batchim(word):
    """True when the last Hangul syllable of word ends in a consonant (을, 은) rather than a vowel (를, 는)."""
    c = word[-1]
    if "가" <= c <= "힣":
        return (ord(c) - 0xAC00) % 28 != 0
    return c.isdigit() and c in "0136789"  # 영, 일, 삼, 육, 칠, 팔, 구 end in a consonant


def ko_obj(w):
    return w + ("을" if has_batchim(w) else "를")


def ko_and(w):
    return w + ("과" if has_batchim(w) else "와")


def ko_topic(w):
    return w + ("은" if has_batchim(w) else "는")


EN_PLURAL = {"Local residents", "Tày and Nùng communities", "Visitors from home and abroad", "Logistics companies",
             "Foreign investors", "Border commune authorities", "Agricultural cooperatives", "Border guards", "Then singers",
             "Young people in the highlands", "Dao women", "Traditional craft villages", "Local universities", "Researchers",
             "Journalists", "Star anise growers"}


def en_plural(phrase):
    """The verb phrase agreeing with a plural subject: "promotes x" -> "promote x", "is x" -> "are x"."""
    first, _, rest = phrase.partition(" ")
    irregular = {"is": "are", "has": "have"}
    if first in irregular:
        first = irregular[first]
    elif first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith(("ches", "shes", "sses", "xes")) or first == "focuses":
        first = first[:-2]
    elif first.endswith("s"):
        first = first[:-1]
    return first + (" " + rest if rest else "")


class Writer:
    """Sentences, paragraphs, titles in one language, from one random source."""

    def __init__(self, lang, rng):
        self.lang, self.r = lang, rng
        self.v = {"vi": VI, "en": EN, "zh-Hans": ZH, "ja": JA, "ko": KO}[lang]

    def c(self, key):
        return self.r.choice(self.v[key])

    def sv(self, key):
        """A subject and a verb phrase of kind `key` (verb or pred) that agree with it."""
        subj, v = self.c("subj"), self.c(key)
        if self.lang == "en" and subj in EN_PLURAL:
            v = en_plural(v)
        return subj, v

    # -- sentences
    def sentence(self):
        r, L = self.r, self.lang
        x = r.random()
        if L in ("vi", "en"):
            if x < 0.25:
                s = "%s %s" % self.sv("pred")
            elif x < 0.55:
                s = "%s %s %s %s" % (*self.sv("verb"), self.c("obj"), self.c("adv"))
            elif x < 0.75:
                s = "%s %s %s %s %s" % (*self.sv("verb"), self.c("obj"), "và" if L == "vi" else "and", self.c("obj"))
            else:
                subj, verb = self.sv("verb")
                if L == "en" and subj.startswith(("The ", "A ")):
                    subj = subj[:1].lower() + subj[1:]
                s = f"{self.c('conn')} {subj} {verb} {self.c('obj')}"
            if L == "vi" and r.random() < 0.2:
                s += f", {self.c('adv')}"
            return cap(s) + "."
        if L == "zh-Hans":
            if x < 0.3:
                return f"{self.c('subj')}{self.c('pred')}。"
            if x < 0.7:
                return f"{self.c('adv')}，{self.c('subj')}{self.c('adj')}{self.c('verb')}{self.c('obj')}。"
            return f"{self.c('subj')}{self.c('adj')}{self.c('verb')}{self.c('obj')}和{self.c('obj')}，{self.c('adv')}{self.c('verb')}{self.c('obj')}。"
        if L == "ja":
            if x < 0.3:
                return f"{self.c('subj')}は{self.c('pred')}。"
            if x < 0.7:
                return f"{self.c('adv')}、{self.c('subj')}は{self.c('obj')}を{self.c('verb')}。"
            return f"{self.c('subj')}は{self.c('obj')}と{self.c('obj')}を{self.c('adv')}{self.c('verb')}。"
        # ko
        if x < 0.3:
            return f"{ko_topic(self.c('subj'))} {self.c('pred')}."
        if x < 0.7:
            return f"{self.c('adv')} {ko_topic(self.c('subj'))} {ko_obj(self.c('obj'))} {self.c('verb')}."
        return f"{ko_topic(self.c('subj'))} {ko_and(self.c('obj'))} {ko_obj(self.c('obj'))} {self.c('adv')} {self.c('verb')}."

    def size(self, text):
        """Words for Vietnamese and English, characters for Chinese, Japanese and Korean."""
        return len(text.split()) if self.lang in ("vi", "en") else len(text)

    # -- blocks
    def body(self):
        """Paragraphs, some `##` headings and lists, until the size target (words for Vietnamese
        and English 250–700, characters for Chinese, Japanese and Korean 400–1200) is reached;
        it stops one sentence short of going over the upper bound."""
        r, L = self.r, self.lang
        lo, hi = (250, 700) if L in ("vi", "en") else (400, 1200)
        target = r.randint(lo, hi)
        blocks, n = [], 0
        since_heading = 0
        cjk = L in ("zh-Hans", "ja")
        while n < target:
            room = hi - n - (0 if not blocks else 0 if L in ("vi", "en") else 2)
            if blocks and since_heading >= 2 and r.random() < 0.3:
                h = "## " + self.c("head")
                if self.size(h) > room:
                    break
                blocks.append(h)
                since_heading = 0
            elif blocks and not blocks[-1].startswith("- ") and r.random() < 0.12:
                items = []
                for _ in range(r.randint(3, 5)):
                    it = "- " + self.list_item()
                    if self.size(it) + 1 > room:
                        break
                    items.append(it)
                    room -= self.size(it) + 1
                if len(items) < 2:
                    break
                blocks.append("\n".join(items))
                since_heading += 1
            else:
                sents = []
                for _ in range(r.randint(2, 6)):
                    st = self.sentence()
                    if self.size(st) + 1 > room:
                        break
                    sents.append(st)
                    room -= self.size(st) + (0 if cjk else 1)
                if not sents:
                    break
                blocks.append(("" if cjk else " ").join(sents))
                since_heading += 1
            n = self.size("\n\n".join(blocks))
        while blocks and blocks[-1].startswith("## "):
            blocks.pop()
        return "\n\n".join(blocks)

    def list_item(self):
        L = self.lang
        if L == "vi":
            return cap(f"{self.c('verb')} {self.c('obj')} {self.c('adv')}") + ";"
        if L == "en":
            return cap(f"{self.c('obj')} {self.c('adv')}") + ";"
        if L == "zh-Hans":
            return f"{self.c('adj')}{self.c('verb')}{self.c('obj')}；"
        if L == "ja":
            return f"{self.c('obj')}の{self.c('head')}"
        return f"{self.c('obj')} {self.c('head')}"

    def title(self):
        r, L = self.r, self.lang
        while True:
            x = r.random()
            if L in ("vi", "en"):
                if x < 0.4:
                    t = "%s %s %s" % (*self.sv("verb"), self.c("obj"))
                elif x < 0.7:
                    t = f"{cap(self.c('obj'))} {self.c('title_tail')}"
                    if L == "vi":
                        t = f"{cap(self.c('verb'))} {self.c('obj')} {self.c('title_tail')}"
                else:
                    t = f"{cap(self.c('obj'))} – {self.c('obj')} {self.c('title_tail')}"
                t = cap(t)
                if 5 <= len(t.split()) <= 14:
                    return t
            elif L == "zh-Hans":
                return f"{self.c('subj')}{self.c('adj')}{self.c('verb')}{self.c('obj')}" if x < 0.5 else f"{self.c('title_tail')}{self.c('obj')}与{self.c('obj')}"
            elif L == "ja":
                return f"{self.c('subj')}、{self.c('obj')}を{self.c('verb')}" if x < 0.5 else f"{self.c('title_tail')}の{self.c('obj')}と{self.c('obj')}"
            else:
                return f"{ko_topic(self.c('subj'))} {ko_obj(self.c('obj'))} {self.c('verb')}" if x < 0.5 else f"{self.c('title_tail')} {ko_and(self.c('obj'))} {self.c('obj')}"

    def phrase(self):
        """A short noun phrase (alt text, place names)."""
        L = self.lang
        if L == "vi":
            return cap(f"{self.c('obj')} {self.c('adv')}")
        if L == "en":
            return cap(f"{self.c('obj')} {self.c('adv')}")
        if L == "zh-Hans":
            return f"{self.c('adv')}的{self.c('obj')}"
        if L == "ja":
            return f"{self.c('adv')}の{self.c('obj')}"
        return f"{self.c('adv')} {self.c('obj')}"


# ---------------------------------------------------------------------------------------------
# YAML and files

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` ")
_RESERVED = {"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def yq(s):
    """A YAML scalar for s: plain when that is unambiguous, else double-quoted (JSON-style)."""
    if (s.lower() in _RESERVED or s[0] in _PLAIN_BAD_START or s[-1] in " :" or ": " in s or " #" in s
            or "\n" in s or s[0].isdigit() or "\t" in s):
        return json.dumps(s, ensure_ascii=False)
    return s


def yqf(s):
    """A YAML scalar for use inside a flow collection ({a: b, c: d})."""
    return json.dumps(s, ensure_ascii=False) if any(c in s for c in ",[]{}") else yq(s)


def slug(s, limit):
    t = s.replace("đ", "d").replace("Đ", "D")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    out, dash = [], False
    for ch in t:
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    s2 = "".join(out).strip("-")
    if len(s2) > limit:
        cut = s2[:limit + 1]
        s2 = cut[:cut.rfind("-")] if "-" in cut else s2[:limit]
    return s2.strip("-")


def ts(sec):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(sec))


T_START = 1704067200   # 2024-01-01T00:00:00Z
T_SPAN = 2 * 365 * 86400 + 180 * 86400


def png(index, w=16, h=12):
    """A w×h RGB PNG whose colour (and first pixel) derive from index, so every file differs."""
    rgb = ((index * 67) % 256, (index * 151 + 40) % 256, (index * 29 + 90) % 256)
    first = ((index >> 16) & 255, (index >> 8) & 255, index & 255)
    rows = []
    for y in range(h):
        row = bytearray(b"\x00")
        for x in range(w):
            row += bytes(first if (x, y) == (0, 0) else rgb)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(typ, data):
        return struct.pack(">I", len(data)) + typ + data + struct.pack(">I", zlib.crc32(typ + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def pdf(index):
    """A minimal one-page PDF 1.4 with a correct cross-reference table."""
    text = f"QuangBa sample publication {index}".encode()
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def isbn13(rng):
    digits = [9, 7, 8, 6, 0, 4] + [rng.randint(0, 9) for _ in range(6)]
    check = (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    d = "".join(map(str, digits + [check]))
    return f"{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:12]}-{d[12]}"


def translatable(kind):
    return ["title", "summary"] + {"media": ["caption", "alt", "description"],
                                   "project": ["objective", "scale", "incentives"],
                                   "event": ["place"]}.get(kind, [])


def content_hash(kind, fields, body):
    text = "".join(f"{n}={fields.get(n, '')}\n" for n in translatable(kind)) + "body=" + body
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def md_file(fields, kind, body, meta):
    lines = ["---"]
    for n in translatable(kind):
        if n in fields:
            lines.append(f"{n}: {yq(fields[n])}")
    for k, v in meta:
        lines.append(f"{k}: {yq(v)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body + "\n"


def ylist(xs):
    return "[" + ", ".join(xs) + "]"


# ---------------------------------------------------------------------------------------------
# Items


def plan(n, seed):
    """Kinds and ids of all items (cheap; the ids are needed for relations)."""
    master = random.Random(f"{seed}/plan")
    kinds = []
    for k, pct in KIND_MIX:
        kinds += [k] * (n * pct // 100)
    while len(kinds) < n:  # remainder goes to articles
        kinds.append("article")
    master.shuffle(kinds)
    titles, ids = [], []
    for i in range(n):
        t = nfc(Writer("vi", random.Random(f"{seed}/{i}/title")).title())
        titles.append(t)
        suffix = f"-{i + 1}"
        base = slug(t, 80 - len(suffix)) or "muc"
        ids.append(base + suffix)
    return kinds, titles, ids


def make_item(args):
    i, seed, langs, kinds, titles, ids, media_ids, attach_ids, out = args
    kind, iid, vi_title = kinds[i], ids[i], titles[i]
    r = random.Random(f"{seed}/{i}/item")
    folder = os.path.join(out, "content", kind, iid)
    os.makedirs(folder, exist_ok=True)

    # -- item.yaml
    created = T_START + r.randrange(T_SPAN)
    updated = created + r.randrange(0, 60 * 86400)
    x = r.random()
    state = ("published" if x < 0.88 else "draft" if x < 0.94 else "review" if x < 0.96
             else "approved" if x < 0.98 else "withdrawn")
    author = r.choice(PEOPLE)
    y = [f"kind: {kind}", f"source_language: {SOURCE}", f"created: {ts(created)}", f"updated: {ts(updated)}",
         f"author: {author}", f"state: {state}", f"classification: {'internal' if r.random() < 0.02 else 'public'}"]
    if state in ("published", "withdrawn") and r.random() < 0.01:
        y.append(f"embargo: {ts(updated + r.randrange(86400, 400 * 86400))}")
    if state in ("published", "withdrawn"):
        y.append(f"published: {ts(updated)}")
    if state == "withdrawn":
        y.append(f"withdrawn: {ts(updated + r.randrange(86400, 90 * 86400))}")
    y.append(f"unit: {r.choice(list(UNITS))}")
    y.append(f"topics: {ylist(r.sample(list(TOPICS), r.randint(1, 3)))}")
    y.append(f"channels: {ylist(r.sample(list(CHANNELS), r.randint(1, 3)))}")
    if kind == "clarification" and r.random() < 0.3:
        y.append("pinned: true")
    rel = []
    if kind != "media" and media_ids and r.random() < 0.4:
        cover = r.choice(media_ids)
        if cover != iid:
            rel.append(f"  cover: {cover}")
    related = [ids[j] for j in r.sample(range(len(ids)), min(len(ids), r.randint(0, 3))) if j != i]
    if related:
        rel.append(f"  related: {ylist(related)}")
    if kind in ("article", "project", "event") and attach_ids and r.random() < 0.1:
        att = [a for a in r.sample(attach_ids, min(len(attach_ids), r.randint(1, 2))) if a != iid]
        if att:
            rel.append(f"  attachments: {ylist(att)}")
    if rel:
        y.append("relations:")
        y += rel

    if kind == "media":
        data = png(i)
        name = f"{iid}.png"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        loc = r.choice(list(LOCALITY_GEO))
        lat, lon = LOCALITY_GEO[loc]
        y += ["media:", f"  file: {name}", "  type: image/png", f"  sha256: {hashlib.sha256(data).hexdigest()}",
              f"  bytes: {len(data)}", "  width: 16", "  height: 12",
              f"  taken: {ts(created - r.randrange(0, 200 * 86400))}",
              f"  geo: {{lat: {lat + r.uniform(-0.02, 0.02):.4f}, lon: {lon + r.uniform(-0.02, 0.02):.4f}}}",
              f"  credit: {r.choice(CREDITS)}", f"  licence: {CC_BY}"]
    elif kind == "project":
        loc = r.choice(list(LOCALITY_GEO))
        lat, lon = LOCALITY_GEO[loc]
        start = r.randint(2025, 2029)
        usd = r.random() < 0.2
        amount = r.randint(5, 3000) * (1_000_000 if usd else 1_000_000_000)
        y += ["project:", f"  sector: {r.choice(list(SECTORS))}", "  location:", f"    locality: {loc}"]
        if r.random() < 0.5:
            y.append(f"    zone: {r.choice(list(ZONES))}")
        y += [f"  geo: {{lat: {lat + r.uniform(-0.03, 0.03):.4f}, lon: {lon + r.uniform(-0.03, 0.03):.4f}}}",
              f"  area_ha: {r.randint(5, 4000) / 10}",
              f"  capital: {{amount: {amount}, currency: {'USD' if usd else 'VND'}}}",
              f"  form: {r.choice(['fdi', 'domestic', 'ppp', 'joint-venture', 'foreign-100', 'bcc'])}",
              f"  status: {r.choice(['calling', 'negotiating', 'licensed', 'implementing', 'operating'])}",
              f"  schedule: {{start: {start}, end: {start + r.randint(1, 8)}}}",
              f"  contact_unit: {r.choice(list(UNITS))}"]
        if r.random() < 0.7:
            d = T_START - r.randrange(0, 365 * 86400)
            y.append(f"  legal_basis: {{decision: {r.randint(100, 2999)}/QĐ-UBND, date: {ts(d)[:10]}}}")
    elif kind == "event":
        start = T_START + r.randrange(T_SPAN + 365 * 86400)
        start -= start % 1800
        loc = r.choice(list(LOCALITY_GEO))
        lat, lon = LOCALITY_GEO[loc]
        y += ["event:", f"  start: {ts(start)}", f"  end: {ts(start + r.randint(2, 96) * 1800)}", f"  locality: {loc}",
              f"  geo: {{lat: {lat + r.uniform(-0.01, 0.01):.4f}, lon: {lon + r.uniform(-0.01, 0.01):.4f}}}"]
    elif kind == "publication":
        data = pdf(i)
        name = f"{iid}.pdf"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        y += ["publication:", f"  file: {name}", "  type: application/pdf",
              f"  sha256: {hashlib.sha256(data).hexdigest()}", f"  bytes: {len(data)}", "  pages: 1"]
        if r.random() < 0.5:
            y.append(f"  isbn: {isbn13(r)}")
    with open(os.path.join(folder, "item.yaml"), "w", encoding="utf-8") as f:
        f.write(nfc("\n".join(y) + "\n"))

    # -- <lang>.md
    source_hash = None
    place_index = r.randrange(len(PLACES["vi"]))
    for lang in langs:
        w = Writer(lang, random.Random(f"{seed}/{i}/{lang}"))
        fields = {"title": vi_title if lang == SOURCE else w.title(), "summary": w.sentence()}
        if kind == "media":
            fields["caption"] = w.sentence()
            fields["alt"] = w.phrase()
            if w.r.random() < 0.5:
                fields["description"] = w.sentence()
        elif kind == "project":
            for k in ("objective", "scale", "incentives"):
                fields[k] = w.sentence()
        elif kind == "event":
            fields["place"] = PLACES[lang][place_index]
        fields = {k: nfc(v) for k, v in fields.items()}
        body = nfc(w.body())
        if lang == SOURCE:
            source_hash = content_hash(kind, fields, body)
            meta = []
        else:
            meta = [("status", "approved"), ("translator", w.r.choice(TRANSLATORS[lang])), ("source_hash", source_hash)]
        with open(os.path.join(folder, f"{lang}.md"), "w", encoding="utf-8") as f:
            f.write(md_file(fields, kind, body, meta))
    return i


def write_config(out, langs):
    def block(name, table, comment=None):
        lines = [f"{comment}"] if comment else []
        lines.append(f"{name}:")
        for code, names in table.items():
            pairs = ", ".join(f"{l}: {yqf(names[l])}" for l in langs)
            lines.append(f"  {code}: {{{pairs}}}")
        return "\n".join(lines)

    parts = ["# QuangBa repository configuration — SAMPLE DATA generated by bench/generate.py for benchmarks.",
             "# Everything below is illustrative sample content, not an official publication.",
             "sample: true", "", "province:"]
    for l in langs:
        name, desc = PROVINCE[l]
        parts.append(f"  {l}: {{name: {yq(name)}, description: {json.dumps(desc, ensure_ascii=False)}}}")
    parts += ["", "base_url: https://langson.quangba.example/", "admin_email: quangba@langson.quangba.example", "",
              "languages:"]
    for l in langs:
        parts.append(f"  - {{code: {l}, name: {LANGUAGE_NAMES[l]}" + (", source: true}" if l == SOURCE else "}"))
    parts.append("")
    for name, table in [("units", UNITS), ("topics", TOPICS), ("channels", CHANNELS), ("sectors", SECTORS),
                        ("localities", LOCALITIES), ("zones", ZONES)]:
        parts += [block(name, table), ""]
    parts.append("missing_translation: omit")
    with open(os.path.join(out, "quangba.yaml"), "w", encoding="utf-8") as f:
        f.write(nfc("\n".join(parts) + "\n"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of items")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--languages", default=",".join(ALL_LANGUAGES),
                    help="comma-separated; must include vi (the source language). Known: " + ",".join(ALL_LANGUAGES))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output does not depend on it)")
    a = ap.parse_args()
    langs = [l.strip() for l in a.languages.split(",") if l.strip()]
    unknown = [l for l in langs if l not in ALL_LANGUAGES]
    if unknown or SOURCE not in langs or len(set(langs)) != len(langs):
        sys.exit(f"generate.py: --languages must be distinct codes from {','.join(ALL_LANGUAGES)} and include {SOURCE}")
    langs = [SOURCE] + [l for l in ALL_LANGUAGES if l in langs and l != SOURCE]
    if a.n < 0:
        sys.exit("generate.py: N must be >= 0")
    if os.path.exists(os.path.join(a.outdir, "content")) and os.listdir(os.path.join(a.outdir, "content")):
        sys.exit(f"generate.py: {a.outdir}/content already exists and is not empty")

    os.makedirs(os.path.join(a.outdir, "content"), exist_ok=True)
    os.makedirs(os.path.join(a.outdir, "audit"), exist_ok=True)
    write_config(a.outdir, langs)
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder in ("site-templates", "locales"):
        shutil.copytree(os.path.join(package, folder), os.path.join(a.outdir, folder), dirs_exist_ok=True)
    kinds, titles, ids = plan(a.n, a.seed)
    media_ids = [ids[i] for i in range(a.n) if kinds[i] == "media"]
    attach_ids = [ids[i] for i in range(a.n) if kinds[i] in ("media", "publication")]
    shared = (kinds, titles, ids, media_ids, attach_ids)
    tasks = ((i, a.seed, langs, *shared, a.outdir) for i in range(a.n))
    if a.jobs > 1 and a.n >= 200:
        with Pool(a.jobs, initializer=_init, initargs=(a.seed, langs, shared, a.outdir)) as p:
            for _ in p.imap_unordered(_work, range(a.n), chunksize=64):
                pass
    else:
        for t in tasks:
            make_item(t)
    counts = {k: kinds.count(k) for k, _ in KIND_MIX}
    print(f"generated {a.n} items × {len(langs)} languages in {a.outdir} "
          + " ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)


_CTX = None


def _init(seed, langs, shared, out):
    global _CTX
    _CTX = (seed, langs, shared, out)


def _work(i):
    seed, langs, shared, out = _CTX
    return make_item((i, seed, langs, *shared, out))


if __name__ == "__main__":
    main()
