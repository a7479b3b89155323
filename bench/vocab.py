"""Vocabularies of the synthetic corpus (``bench/generate_corpus.py``).

General knowledge only: common Vietnamese surname / middle / given-name
syllables (the generator combines them into invented people), ministries,
provinces and cities, countries, kinds of bodies and the role words that go
with them, policy document types and numbering schemes, speech verbs. Firm
names are invented from auspicious syllables. Nothing here comes from the
evaluation articles.
"""
from __future__ import annotations

SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
            "Trịnh Mai Tô Lương Đào Cao Quách Hà Kiều Lưu Triệu Chu Văn Thái Khúc Mạc").split()
MIDDLE_MALE = "Văn Hữu Đức Minh Quốc Thanh Xuân Công Đình Thế Trọng Mạnh Quang Tiến Duy Bá Viết Khắc".split()
MIDDLE_FEMALE = "Thị Ngọc Thu Kim Thanh Minh Phương Bích Diệu Hồng Thúy Mỹ Hải".split()
GIVEN_MALE = ("Bình Cường Dũng Hải Hùng Khoa Lâm Long Nam Phong Quân Sơn Tâm Thắng Trung Tuấn "
              "Vinh Hiếu Khải Lộc Nghĩa Phúc Tài Thành Toàn Trí Việt Đạt Hậu Kiên Luân Nhân Quyết").split()
GIVEN_FEMALE = ("Hà Hạnh Hương Lan Linh Mai Ngân Nhung Phượng Thảo Trang Yến Dung Giang Hằng Huyền "
                "Loan Ly Nga Oanh Quyên Thủy Trinh Vân Xuân Hoa Liên Nhàn").split()
GIVEN_SECOND = "Anh Chi Hoa Mai Linh Phương Thư Châu".split()  # "Lan Anh", "Bảo Châu"...

PROVINCES = ("Nam Định|Thái Bình|Ninh Bình|Hà Nam|Hưng Yên|Bắc Ninh|Bắc Giang|Phú Thọ|Vĩnh Phúc|"
             "Thái Nguyên|Tuyên Quang|Yên Bái|Lạng Sơn|Cao Bằng|Hà Giang|Sơn La|Điện Biên|Lai Châu|"
             "Hòa Bình|Thanh Hóa|Nghệ An|Hà Tĩnh|Quảng Bình|Quảng Trị|Quảng Ngãi|Bình Định|Phú Yên|"
             "Khánh Hòa|Ninh Thuận|Bình Thuận|Kon Tum|Gia Lai|Đắk Lắk|Đắk Nông|Lâm Đồng|Bình Phước|"
             "Tây Ninh|Bình Dương|Đồng Nai|Long An|Tiền Giang|Bến Tre|Trà Vinh|Vĩnh Long|Đồng Tháp|"
             "An Giang|Kiên Giang|Hậu Giang|Sóc Trăng|Bạc Liêu|Cà Mau").split("|")
CITIES = ["Hà Nội", "Cần Thơ", "Đà Nẵng", "Hải Phòng", "Thành phố Hồ Chí Minh"]
COUNTRIES = ["Nhật Bản", "Hàn Quốc", "Singapore", "Australia", "Pháp", "Đức", "Thái Lan",
             "Indonesia", "Malaysia", "Ấn Độ", "Canada", "Phần Lan", "Hà Lan", "New Zealand"]
REGIONS = ["Đồng bằng sông Cửu Long", "Tây Nguyên", "Bắc Trung Bộ", "Đông Nam Bộ", "Trung du và miền núi phía Bắc"]

MINISTRIES = ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Công Thương", "Bộ Giao thông vận tải",
              "Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ",
              "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài nguyên và Môi trường", "Bộ Y tế",
              "Bộ Giáo dục và Đào tạo", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Văn hóa, Thể thao và Du lịch"]
PROVINCIAL_DEPTS = ["Kế hoạch và Đầu tư", "Công Thương", "Giao thông vận tải", "Thông tin và Truyền thông",
                    "Tài chính", "Khoa học và Công nghệ", "Nông nghiệp và Phát triển nông thôn", "Du lịch"]

# domains of activity: (lower-case phrase, used in clauses, titles, department names)
DOMAINS = ["kinh tế số", "chuyển đổi số", "hạ tầng giao thông", "năng lượng tái tạo", "thương mại điện tử",
           "logistics", "công nghiệp hỗ trợ", "du lịch bền vững", "nông nghiệp công nghệ cao",
           "kinh tế tuần hoàn", "đổi mới sáng tạo", "nhà ở xã hội", "quản lý đất đai", "y tế cơ sở",
           "giáo dục nghề nghiệp", "quy hoạch kiến trúc", "kinh tế biển", "xuất khẩu nông sản",
           "chính phủ điện tử", "tài chính xanh"]

BRAND_SYLLABLES = "An Phát Thịnh Hưng Tân Đại Phúc Thành Kim Sao Hồng Bảo Quang Trường Gia Hòa Lộc Vạn Đông Tiến".split()
COMPANY_FORMS = ["Công ty Cổ phần", "Tập đoàn", "Công ty TNHH", "Tổng Công ty"]
COMPANY_SECTORS = ["Công nghệ", "Xây dựng", "Năng lượng", "Đầu tư", "Vận tải", "Nông nghiệp", "Dược phẩm"]

# kind of body -> (role words, deputy role words)
ROLE_WORDS = {
    "ministry": ("Bộ trưởng", "Thứ trưởng"),
    "department": ("Cục trưởng", "Phó Cục trưởng"),
    "committee": ("Chủ tịch", "Phó Chủ tịch"),
    "party": ("Bí thư", "Phó Bí thư"),
    "provincial_dept": ("Giám đốc", "Phó Giám đốc"),
    "company": ("Tổng Giám đốc", "Chủ tịch Hội đồng quản trị"),
    "association": ("Chủ tịch", "Phó Chủ tịch"),
}

POLICY_SCHEMES = [  # (type, number format, issuer) - the issuer "{p}" is a province
    ("Nghị quyết", "{n}-NQ/TW", "Bộ Chính trị"),
    ("Nghị quyết", "{n}/NQ-CP", "Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Chỉ thị", "{n}/CT-TTg", "Thủ tướng Chính phủ"),
    ("Kết luận", "{n}-KL/TW", "Bộ Chính trị"),
    ("Nghị quyết", "{n}/NQ-HĐND", "Hội đồng nhân dân tỉnh {p}"),
]
ISSUER_IS_ORG = {"Bộ Chính trị", "Chính phủ"}  # "Thủ tướng Chính phủ" is a post, not a body

EVENT_KINDS = ["Hội thảo", "Diễn đàn", "Hội nghị", "Tọa đàm"]
DIRECT_VERBS = ["nhấn mạnh", "khẳng định", "cho biết", "nói", "chia sẻ"]
REPORTED_VERBS = ["cho biết", "nhấn mạnh", "khẳng định", "đề nghị", "cho rằng", "lưu ý"]

# clause parts: subject + modal + verb + object + purpose
SUBJECTS = ["các địa phương", "doanh nghiệp", "chính quyền các cấp", "các bộ, ngành", "chúng ta",
            "các cơ quan quản lý", "cộng đồng doanh nghiệp", "đội ngũ cán bộ"]
MODALS = ["cần", "phải", "sẽ tiếp tục", "đang nỗ lực", "cần sớm", "phải quyết liệt"]
VERBS = ["đẩy mạnh", "hoàn thiện cơ chế cho", "tháo gỡ vướng mắc trong", "ưu tiên nguồn lực cho",
         "nâng cao chất lượng", "thúc đẩy", "tăng cường phối hợp trong", "cải cách mạnh mẽ"]
OBJECT_EXTRAS = ["thể chế", "hạ tầng", "nguồn nhân lực", "thủ tục hành chính", "dữ liệu dùng chung"]
PURPOSES = ["để thu hút thêm nguồn vốn đầu tư", "nhằm nâng cao năng lực cạnh tranh",
            "góp phần tăng trưởng nhanh và bền vững", "bảo đảm quyền lợi chính đáng của người dân",
            "trong giai đoạn phát triển mới", "theo hướng công khai, minh bạch",
            "để không bỏ lỡ cơ hội phát triển"]
CONNECTORS = ["Trong những năm qua,", "Bên cạnh đó,", "Thực tế cho thấy", "Tuy nhiên,", "Đáng chú ý,",
              "Theo đánh giá chung,", "Ngoài ra,", "Mặt khác,", "Trên thực tế,"]
FACT_SENTENCES = [
    "tốc độ tăng trưởng bình quân giai đoạn vừa qua đạt {pct}%/năm",
    "tỷ lệ hồ sơ được giải quyết trực tuyến đã tăng lên {pct}%",
    "quy mô vốn đăng ký mới đạt khoảng {big} tỷ đồng",
    "hơn {num} doanh nghiệp đã tham gia chương trình hỗ trợ",
    "năng suất lao động vẫn còn thấp so với mức trung bình của khu vực",
    "nhiều dự án còn chậm tiến độ do vướng mắc về mặt bằng",
    "nguồn nhân lực chất lượng cao vẫn là điểm nghẽn lớn",
]
TARGET_VERBS = ["hoàn thành", "đưa vào vận hành", "xây dựng", "hỗ trợ", "đào tạo", "thu hút"]
TARGET_UNITS = ["km đường cao tốc", "khu công nghiệp xanh", "doanh nghiệp khởi nghiệp sáng tạo",
                "trung tâm dữ liệu", "cán bộ quản lý", "căn nhà ở xã hội", "dự án năng lượng sạch",
                "hợp tác xã nông nghiệp"]
