# ruff: noqa: E501 - the articles' prose is data, one paragraph a line
"""Demo data of the news site, added to the demo city by ``seed_demo``: six categories and
33 articles about the organization-building work of the city's board (written for the
demo; the places and people are the demo city's, fictional), four with lead images drawn
by Pillow, two with PDF attachments, view counts; one scheduled, one awaiting approval, a
draft made from the review conference. Written through the services."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tcxd.accounts.models import User

from . import services
from .models import Article, Category

CATEGORIES = [
    ("Tin tức hoạt động", "tin-tuc-hoat-dong", "Hoạt động của Ban Tổ chức và ngành tổ chức xây dựng Đảng thành phố."),
    ("Tổ chức cơ sở đảng", "to-chuc-co-so-dang", "Kiện toàn, sắp xếp và nâng cao chất lượng tổ chức cơ sở đảng."),
    ("Công tác đảng viên", "cong-tac-dang-vien", "Phát triển, quản lý và nâng cao chất lượng đảng viên."),
    ("Công tác cán bộ", "cong-tac-can-bo", "Quy hoạch, đào tạo, bồi dưỡng, luân chuyển và đánh giá cán bộ."),
    ("Văn bản, hướng dẫn", "van-ban-huong-dan", "Văn bản, hướng dẫn nghiệp vụ của Ban Tổ chức Thành ủy."),
    ("Gương điển hình", "guong-dien-hinh", "Những chi bộ, đảng viên tiêu biểu ở cơ sở."),
]  # fmt: skip

# (category slug, title, summary, paragraphs, byline)
ARTICLES: list[tuple[str, str, str, list[str], str]] = [
    ("tin-tuc-hoat-dong", "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
     "Ban Tổ chức Thành ủy tổ chức hội nghị sơ kết, chỉ ra ba nhóm hạn chế cần khắc phục trong 6 tháng cuối năm.",
     ["Chiều 10/7, Ban Tổ chức Thành ủy tổ chức Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2026. Dự hội nghị có lãnh đạo Ban, trưởng ban tổ chức các đảng ủy phường, xã và các đảng ủy trực thuộc.",
      "Báo cáo tại hội nghị cho biết, sau sắp xếp tổ chức bộ máy, các đảng bộ phường, xã đã kiện toàn xong cấp ủy và ổn định sinh hoạt của các chi bộ trực thuộc. Công tác quản lý hồ sơ, chuyển sinh hoạt đảng được thực hiện kịp thời, không để đảng viên “lơ lửng” khi thay đổi nơi cư trú.",
      "Hội nghị cũng chỉ ra những hạn chế: số đảng viên kết nạp mới ở khu dân cư còn thấp so với chỉ tiêu; một số chi bộ chưa duy trì sinh hoạt chuyên đề hằng quý; tỷ lệ trưởng thôn, tổ trưởng tổ dân phố là đảng viên chưa đạt yêu cầu của Nghị quyết 21-NQ/TW.",
      "Kết luận hội nghị, đồng chí Trưởng Ban Tổ chức Thành ủy đề nghị các đảng ủy rà soát chỉ tiêu, tập trung tạo nguồn kết nạp đảng viên và hoàn thành việc thành lập chi bộ ở những thôn, tổ dân phố chưa có chi bộ trước ngày 30/11/2026."],
     "Minh Châu"),
    ("tin-tuc-hoat-dong", "Tập huấn nghiệp vụ công tác đảng cho cấp ủy viên cơ sở",
     "Hơn 300 cấp ủy viên các phường, xã được bồi dưỡng về quy trình kết nạp, chuyển sinh hoạt và quản lý hồ sơ đảng viên.",
     ["Trong hai ngày 22 và 23/4, Ban Tổ chức Thành ủy phối hợp Trường Chính trị thành phố mở lớp tập huấn nghiệp vụ công tác đảng cho cấp ủy viên các đảng bộ phường, xã.",
      "Học viên được hướng dẫn các bước của quy trình kết nạp đảng viên, từ bồi dưỡng nhận thức về Đảng đến xét công nhận đảng viên chính thức; cách lập và quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng chính thức và tạm thời; cách ghi biên bản và nghị quyết sinh hoạt chi bộ.",
      "Nhiều câu hỏi thực tế được nêu ra, như trường hợp quần chúng có cha mẹ đang sinh sống ở nước ngoài, hay đảng viên đi làm ăn xa dài ngày. Các báo cáo viên đã giải đáp cụ thể, dẫn chiếu quy định hiện hành."],
     "Hoài Thương"),
    ("tin-tuc-hoat-dong", "Ban Tổ chức Thành ủy làm việc với Đảng ủy phường Thuận Hóa",
     "Đoàn công tác kiểm tra việc thực hiện quy trình kết nạp đảng viên và quản lý đảng viên đi làm ăn xa.",
     ["Sáng 15/5, đoàn công tác của Ban Tổ chức Thành ủy do đồng chí Phó Trưởng Ban làm trưởng đoàn đã làm việc với Ban Thường vụ Đảng ủy phường Thuận Hóa.",
      "Theo báo cáo, từ đầu năm Đảng ủy phường đã kết nạp 14 đảng viên, trong đó 9 đảng viên là đoàn viên thanh niên ở khu dân cư. Đảng ủy đã lập danh sách 27 đảng viên đi làm ăn xa và giao các chi bộ giữ liên lạc, nắm tình hình hằng tháng.",
      "Đoàn công tác đề nghị Đảng ủy phường hoàn thiện hồ sơ của 3 trường hợp kết nạp còn thiếu giấy chứng nhận bồi dưỡng, và rà soát lại các đảng viên chưa chuyển sinh hoạt sau khi thay đổi nơi cư trú."],
     "Quốc Việt"),
    ("tin-tuc-hoat-dong", "Hội nghị giao ban công tác tổ chức quý I năm 2026",
     "Các đảng ủy trực thuộc báo cáo tiến độ kiện toàn chi bộ và chuẩn bị đại hội chi bộ nhiệm kỳ mới.",
     ["Ngày 8/4, Ban Tổ chức Thành ủy tổ chức giao ban công tác tổ chức quý I với ban tổ chức các đảng ủy trực thuộc.",
      "Trong quý, toàn Đảng bộ đã kết nạp 86 đảng viên, công nhận 71 đảng viên chính thức; chuyển sinh hoạt đảng cho 412 đảng viên. Ba chi bộ thôn được thành lập mới sau khi hoàn thành việc sáp nhập thôn, tổ dân phố.",
      "Giao ban thống nhất các mốc thời gian chuẩn bị đại hội chi bộ; các đảng ủy báo cáo kế hoạch trước ngày 30/4 để Ban Tổ chức Thành ủy tổng hợp, hướng dẫn."],
     "Minh Châu"),
    ("tin-tuc-hoat-dong", "Trao Huy hiệu Đảng đợt 3/2 cho 128 đảng viên",
     "Nhân kỷ niệm ngày thành lập Đảng, các đảng bộ trao Huy hiệu 30, 40, 50, 55, 60 và 65 năm tuổi Đảng.",
     ["Nhân dịp kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam, các đảng bộ trực thuộc Thành ủy đã tổ chức trao Huy hiệu Đảng cho 128 đảng viên.",
      "Trong đó có 4 đảng viên nhận Huy hiệu 65 năm tuổi Đảng, 11 đảng viên nhận Huy hiệu 60 năm, 23 đảng viên nhận Huy hiệu 55 năm. Với các đảng viên cao tuổi, ốm đau, cấp ủy cơ sở đến trao tại nhà.",
      "Các đảng viên được trao huy hiệu bày tỏ niềm vinh dự và mong muốn tiếp tục gương mẫu, tham gia sinh hoạt chi bộ ở khu dân cư."],
     "Thanh Bình"),
    ("tin-tuc-hoat-dong", "Khảo sát chất lượng sinh hoạt chi bộ ở các chi bộ thôn",
     "Tổ khảo sát dự sinh hoạt tại 12 chi bộ, ghi nhận nhiều chi bộ đã đổi mới nội dung, gắn với việc cụ thể của thôn.",
     ["Tháng 11, tổ khảo sát của Ban Tổ chức Thành ủy đã dự sinh hoạt thường kỳ tại 12 chi bộ thôn thuộc 4 đảng bộ xã.",
      "Phần lớn chi bộ chuẩn bị nội dung chu đáo, nghị quyết tháng có việc cụ thể, người chịu trách nhiệm và thời hạn. Một số chi bộ còn đọc lại văn bản cấp trên thay cho thảo luận, thời gian sinh hoạt ngắn.",
      "Tổ khảo sát đề nghị các đảng ủy xã hướng dẫn chi bộ chọn chuyên đề sát với thực tế thôn, như xây dựng nông thôn mới, giữ gìn an ninh trật tự, và dành thời gian cho đảng viên phát biểu."],
     "Hoài Thương"),
    ("tin-tuc-hoat-dong", "Tổng kết công tác tổ chức xây dựng Đảng năm 2025",
     "Năm 2025, toàn Đảng bộ kết nạp 412 đảng viên, vượt 3% chỉ tiêu; hoàn thành sắp xếp tổ chức cơ sở đảng sau hợp nhất.",
     ["Ngày 9/1/2026, Ban Tổ chức Thành ủy tổng kết công tác tổ chức xây dựng Đảng năm 2025 và triển khai nhiệm vụ năm 2026.",
      "Năm 2025 là năm có nhiều việc lớn: sắp xếp đơn vị hành chính cấp xã, kết thúc hoạt động cấp huyện, kiện toàn các đảng bộ phường, xã mới. Ngành tổ chức đã tham mưu kịp thời các quyết định thành lập, chỉ định cấp ủy, và chuyển sinh hoạt cho hàng nghìn đảng viên mà không để gián đoạn sinh hoạt đảng.",
      "Toàn Đảng bộ kết nạp 412 đảng viên, đạt 103% chỉ tiêu; tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 91,2%."],
     "Minh Châu"),
    ("tin-tuc-hoat-dong", "Ra mắt trang tin công tác tổ chức xây dựng Đảng",
     "Trang tin đăng các hoạt động, văn bản hướng dẫn và gương điển hình của ngành tổ chức thành phố.",
     ["Từ tháng 1/2026, Ban Tổ chức Thành ủy đưa vào sử dụng trang tin công tác tổ chức xây dựng Đảng.",
      "Bạn đọc có thể tìm bài viết bằng tiếng Việt có dấu hoặc không dấu, chọn cỡ chữ phù hợp bằng các nút “+ aa -”, in bài viết và theo dõi tin mới qua RSS.",
      "Ban biên tập mong nhận được tin, bài của các đảng ủy, chi bộ về những cách làm hay ở cơ sở."],
     "Ban biên tập"),
    ("to-chuc-co-so-dang", "Thành lập chi bộ ở 100% thôn, tổ dân phố",
     "Sau sắp xếp thôn, tổ dân phố, các đảng ủy phường, xã đã thành lập đủ chi bộ, không còn thôn, tổ dân phố chưa có chi bộ.",
     ["Đến cuối tháng 6/2026, toàn thành phố đã có chi bộ ở tất cả thôn, tổ dân phố, hoàn thành mục tiêu của Nghị quyết Đại hội Đảng bộ thành phố.",
      "Để có đủ đảng viên thành lập chi bộ ở những tổ dân phố mới, các đảng ủy đã chuyển sinh hoạt đảng viên nghỉ hưu về nơi cư trú, đồng thời kết nạp đảng viên là đoàn viên, hội viên tích cực.",
      "Ban Tổ chức Thành ủy lưu ý các đảng ủy tiếp tục theo dõi, kiện toàn những chi bộ có dưới 5 đảng viên."],
     "Quốc Việt"),
    ("to-chuc-co-so-dang", "Kiện toàn cấp ủy các đảng bộ phường sau hợp nhất",
     "Ban Thường vụ Thành ủy chỉ định bổ sung cấp ủy viên, bảo đảm cơ cấu và số lượng theo quy định.",
     ["Sau khi các đảng bộ phường mới đi vào hoạt động, Ban Tổ chức Thành ủy đã rà soát số lượng, cơ cấu cấp ủy của từng đảng bộ.",
      "Trên cơ sở đó, Ban Thường vụ Thành ủy đã chỉ định bổ sung 19 đồng chí tham gia ban chấp hành, 6 đồng chí tham gia ban thường vụ các đảng bộ phường, chú trọng cán bộ trẻ và cán bộ nữ."],
     "Thanh Bình"),
    ("to-chuc-co-so-dang", "Đánh giá, xếp loại tổ chức đảng năm 2025: 91,2% hoàn thành tốt nhiệm vụ",
     "Kết quả đánh giá cho thấy chất lượng tổ chức cơ sở đảng được giữ vững; 7 tổ chức không hoàn thành nhiệm vụ.",
     ["Ban Tổ chức Thành ủy đã tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức đảng năm 2025.",
      "Trong số các tổ chức cơ sở đảng, 18,4% hoàn thành xuất sắc nhiệm vụ, 72,8% hoàn thành tốt nhiệm vụ, 8,0% hoàn thành nhiệm vụ và 0,8% không hoàn thành nhiệm vụ.",
      "Các tổ chức không hoàn thành nhiệm vụ phải có kế hoạch khắc phục, được cấp ủy cấp trên theo dõi, giúp đỡ trong năm 2026."],
     "Hoài Thương"),
    ("to-chuc-co-so-dang", "Chi bộ tổ dân phố sinh hoạt chuyên đề về an toàn giao thông",
     "Chi bộ Tổ dân phố 3 phường An Cựu chọn an toàn giao thông quanh trường học làm chuyên đề quý II.",
     ["Chi bộ Tổ dân phố 3 phường An Cựu có 21 đảng viên, phần lớn là cán bộ nghỉ hưu. Quý II, chi bộ chọn chuyên đề an toàn giao thông quanh cổng trường tiểu học trên địa bàn.",
      "Sau buổi sinh hoạt, chi bộ phân công đảng viên cùng Ban đại diện cha mẹ học sinh hướng dẫn phụ huynh dừng xe đúng chỗ vào giờ tan học; đề nghị phường kẻ vạch dừng đỗ."],
     "Quốc Việt"),
    ("to-chuc-co-so-dang", "Hướng dẫn sinh hoạt chi bộ ở nơi có đảng viên đi làm ăn xa",
     "Chi bộ được phép tổ chức để đảng viên ở xa tham dự trực tuyến khi bảo đảm yêu cầu bảo mật.",
     ["Nhiều chi bộ thôn có đảng viên đi làm ăn xa, khó bảo đảm tỷ lệ dự sinh hoạt. Ban Tổ chức Thành ủy hướng dẫn các chi bộ lập danh sách, giữ liên lạc và thông báo nội dung sinh hoạt cho đảng viên ở xa.",
      "Đảng viên vắng mặt phải có lý do và được ghi vào biên bản; chi bộ theo dõi việc đảng viên ở xa thực hiện nhiệm vụ nơi cư trú mới."],
     "Thanh Bình"),
    ("cong-tac-dang-vien", "Kết nạp đảng viên là đoàn viên thanh niên ở khu dân cư",
     "Nhiều chi bộ khu dân cư giao đảng viên giúp đỡ đoàn viên ưu tú, tạo nguồn kết nạp.",
     ["Nguồn kết nạp đảng viên ở khu dân cư hạn chế vì thanh niên đi học, đi làm xa. Để khắc phục, các chi bộ đã lập danh sách đoàn viên, hội viên ưu tú và phân công đảng viên giúp đỡ từng người.",
      "Trong 6 tháng đầu năm, các chi bộ khu dân cư kết nạp 63 đảng viên, trong đó 41 đảng viên là đoàn viên thanh niên, tăng gần gấp đôi cùng kỳ năm trước."],
     "Hoài Thương"),
    ("cong-tac-dang-vien", "Rà soát, chuyển sinh hoạt đảng cho đảng viên thay đổi nơi cư trú",
     "Các chi bộ rà soát, hướng dẫn 236 đảng viên hoàn thành thủ tục chuyển sinh hoạt đảng chính thức.",
     ["Qua rà soát, các chi bộ phát hiện 236 đảng viên đã thay đổi nơi cư trú nhưng chưa chuyển sinh hoạt đảng. Ban Tổ chức Thành ủy đề nghị các đảng ủy hướng dẫn đảng viên làm thủ tục trong tháng.",
      "Đến nay, toàn bộ các trường hợp đã được chuyển sinh hoạt; hồ sơ đảng viên được bàn giao đầy đủ giữa các tổ chức đảng."],
     "Quốc Việt"),
    ("cong-tac-dang-vien", "Xét công nhận đảng viên chính thức đúng thời hạn",
     "Ban Tổ chức Thành ủy nhắc các chi bộ chuẩn bị hồ sơ trước khi hết 12 tháng dự bị ít nhất 30 ngày.",
     ["Theo quy định, khi đảng viên hết 12 tháng dự bị, chi bộ phải xét công nhận đảng viên chính thức. Một số chi bộ còn chậm, để quá thời hạn.",
      "Ban Tổ chức Thành ủy đề nghị các đảng ủy lập danh sách đảng viên dự bị sắp hết thời hạn hằng tháng, nhắc chi bộ chuẩn bị bản tự kiểm điểm, nhận xét của đoàn thể và chi ủy nơi cư trú."],
     "Thanh Bình"),
    ("cong-tac-dang-vien", "Đảng viên cao tuổi được miễn sinh hoạt vẫn gương mẫu ở khu dân cư",
     "Nhiều đảng viên được miễn công tác và sinh hoạt đảng vẫn tham gia hòa giải, vận động ở tổ dân phố.",
     ["Ở phường Vỹ Dạ, nhiều đảng viên trên 80 tuổi đã được chi bộ miễn công tác và sinh hoạt đảng nhưng vẫn thường xuyên dự sinh hoạt khi sức khỏe cho phép.",
      "Các đảng viên tham gia tổ hòa giải, vận động bà con giữ vệ sinh môi trường, góp ý cho chi bộ những việc gần dân."],
     "Minh Châu"),
    ("cong-tac-dang-vien", "Cập nhật dữ liệu đảng viên trên hệ thống quản lý",
     "Hoàn thành đối chiếu dữ liệu đảng viên giữa hồ sơ giấy và hệ thống, sửa 1.214 trường thông tin sai lệch.",
     ["Ban Tổ chức Thành ủy đã phối hợp các đảng ủy đối chiếu dữ liệu đảng viên trên hệ thống với hồ sơ gốc.",
      "Qua đối chiếu, đã sửa 1.214 trường thông tin sai lệch về ngày sinh, ngày vào Đảng, quê quán; bổ sung số căn cước cho 3.520 đảng viên."],
     "Quốc Việt"),
    ("cong-tac-can-bo", "Quy hoạch cán bộ nhiệm kỳ 2030 – 2035: hoàn thành rà soát lần đầu",
     "Các đảng ủy trực thuộc đã rà soát, đưa ra khỏi quy hoạch những trường hợp không còn đủ tiêu chuẩn.",
     ["Thực hiện hướng dẫn của Ban Tổ chức Trung ương, các đảng ủy trực thuộc đã hoàn thành rà soát quy hoạch cấp ủy và lãnh đạo chủ chốt nhiệm kỳ 2030 – 2035.",
      "Việc rà soát chú trọng tỷ lệ cán bộ trẻ, cán bộ nữ và cán bộ người dân tộc thiểu số; những trường hợp không còn đủ tiêu chuẩn, điều kiện đã được đưa ra khỏi quy hoạch."],
     "Thanh Bình"),
    ("cong-tac-can-bo", "Luân chuyển cán bộ trẻ về cơ sở",
     "12 cán bộ trẻ của các cơ quan thành phố được luân chuyển về giữ chức vụ ở các phường, xã.",
     ["Ban Thường vụ Thành ủy quyết định luân chuyển 12 cán bộ trẻ trong quy hoạch từ các ban, sở, ngành thành phố về công tác tại các phường, xã trong thời gian ít nhất 3 năm.",
      "Các cán bộ được giao nhiệm vụ cụ thể, có người theo dõi, đánh giá; kết quả công tác ở cơ sở là căn cứ để xem xét bố trí sau luân chuyển."],
     "Minh Châu"),
    ("cong-tac-can-bo", "Lấy phiếu tín nhiệm giữa nhiệm kỳ đối với cán bộ lãnh đạo",
     "Hướng dẫn quy trình lấy phiếu tín nhiệm ba mức độ: tín nhiệm cao, tín nhiệm, tín nhiệm thấp.",
     ["Ban Tổ chức Thành ủy hướng dẫn các cơ quan, đơn vị lấy phiếu tín nhiệm đối với cán bộ lãnh đạo, quản lý giữ chức vụ do bầu cử hoặc bổ nhiệm.",
      "Phiếu có ba mức: tín nhiệm cao, tín nhiệm, tín nhiệm thấp. Kết quả được công khai tại hội nghị và báo cáo cấp có thẩm quyền; việc kiểm phiếu bảo đảm bí mật."],
     "Hoài Thương"),
    ("cong-tac-can-bo", "Bồi dưỡng kiến thức cho cán bộ trong diện quy hoạch",
     "Khai giảng lớp bồi dưỡng kiến thức quản lý nhà nước và kỹ năng lãnh đạo cho 85 học viên.",
     ["Lớp học kéo dài 6 tuần, gồm các chuyên đề: xây dựng Đảng về tổ chức, quản lý nhà nước ở cấp xã, chuyển đổi số trong cơ quan đảng, kỹ năng điều hành hội nghị.",
      "Học viên phải viết tiểu luận về một vấn đề thực tiễn của địa phương, cơ quan mình."],
     "Thanh Bình"),
    ("cong-tac-can-bo", "Đánh giá cán bộ theo kết quả công việc cụ thể",
     "Thí điểm đánh giá cán bộ hằng quý bằng sản phẩm công việc tại Ban Tổ chức Thành ủy.",
     ["Từ quý I/2026, Ban Tổ chức Thành ủy thí điểm đánh giá cán bộ, công chức hằng quý dựa trên sản phẩm công việc: số văn bản tham mưu, tiến độ, chất lượng được lãnh đạo ghi nhận.",
      "Kết quả thí điểm sẽ được tổng kết để đề xuất áp dụng ở các cơ quan đảng của thành phố."],
     "Quốc Việt"),
    ("van-ban-huong-dan", "Hướng dẫn chuẩn bị đại hội chi bộ trực thuộc đảng ủy cơ sở",
     "Nội dung, thời gian, nhân sự và quy trình bầu cử tại đại hội chi bộ nhiệm kỳ mới.",
     ["Ban Tổ chức Thành ủy ban hành hướng dẫn chuẩn bị đại hội chi bộ trực thuộc đảng ủy cơ sở. Đại hội chi bộ tiến hành một phiên, gồm phiên trù bị và phiên chính thức.",
      "Hướng dẫn nêu rõ tiêu chuẩn, cơ cấu chi ủy, việc giới thiệu nhân sự bí thư, phó bí thư và thủ tục bầu cử bằng phiếu kín. Toàn văn hướng dẫn ở tệp đính kèm."],
     "Ban biên tập"),
    ("van-ban-huong-dan", "Quy trình kết nạp đảng viên: những điểm cần lưu ý",
     "Tóm tắt các bước, giấy tờ và thời hạn của quy trình kết nạp đảng viên.",
     ["Quy trình kết nạp gồm: quần chúng học lớp bồi dưỡng nhận thức về Đảng; làm đơn xin vào Đảng; chi bộ phân công đảng viên chính thức giúp đỡ; thẩm tra lý lịch; tổ chức đoàn thể và chi ủy nơi cư trú nhận xét; chi bộ xét, đề nghị; đảng ủy cơ sở xét, đề nghị cấp ủy cấp trên quyết định.",
      "Giấy chứng nhận học lớp bồi dưỡng có giá trị trong 60 tháng. Sau khi có quyết định, chi bộ tổ chức lễ kết nạp trong thời hạn quy định. Danh mục giấy tờ ở tệp đính kèm."],
     "Ban biên tập"),
    ("van-ban-huong-dan", "Hướng dẫn đánh giá, xếp loại chất lượng đảng viên năm 2026",
     "Tiêu chí, quy trình đánh giá và thời gian hoàn thành trước ngày 15/12/2026.",
     ["Việc đánh giá, xếp loại đảng viên năm 2026 thực hiện theo bốn mức: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành và không hoàn thành nhiệm vụ.",
      "Đảng viên làm bản tự kiểm điểm; chi bộ họp xét; cấp ủy cấp trên quyết định xếp loại với đảng viên là cấp ủy viên. Các đảng ủy báo cáo kết quả về Ban Tổ chức Thành ủy trước ngày 15/12/2026."],
     "Ban biên tập"),
    ("van-ban-huong-dan", "Lịch sinh hoạt chi bộ thống nhất trong toàn Đảng bộ",
     "Các chi bộ sinh hoạt thường kỳ vào ngày 3 đến ngày 5 hằng tháng.",
     ["Để thuận lợi cho việc theo dõi, hướng dẫn, Ban Thường vụ Thành ủy thống nhất lịch sinh hoạt chi bộ thường kỳ từ ngày 3 đến ngày 5 hằng tháng; sinh hoạt chuyên đề ít nhất mỗi quý một lần.",
      "Trường hợp không thể sinh hoạt đúng lịch, chi bộ báo cáo đảng ủy cơ sở và sinh hoạt bù trong tháng."],
     "Ban biên tập"),
    ("guong-dien-hinh", "Bí thư chi bộ thôn 20 năm gắn bó với dân",
     "Ông Hồ Văn Lợi, Bí thư Chi bộ thôn Bình Thành, được bà con tin cậy nhờ cách làm việc công khai, sát dân.",
     ["Ông Hồ Văn Lợi làm bí thư chi bộ thôn từ năm 2006. Mỗi việc lớn của thôn, từ làm đường bê tông đến chia đất sản xuất, ông đều đưa ra chi bộ bàn trước, rồi họp dân công khai.",
      "Nhờ vậy, thôn Bình Thành nhiều năm liền không có đơn thư vượt cấp; chi bộ được đánh giá hoàn thành tốt nhiệm vụ 10 năm liên tục."],
     "Thanh Bình"),
    ("guong-dien-hinh", "Chi bộ trường học kết nạp 5 giáo viên trẻ trong một năm",
     "Chi bộ Trường THCS Nguyễn Tri Phương phân công đảng viên kèm cặp từng giáo viên trẻ.",
     ["Năm học vừa qua, Chi bộ Trường THCS Nguyễn Tri Phương kết nạp 5 giáo viên trẻ. Bí thư chi bộ cho biết, mỗi quần chúng ưu tú được một đảng viên có kinh nghiệm kèm cặp cả về chuyên môn lẫn nhận thức chính trị.",
      "Các đảng viên mới đều là giáo viên dạy giỏi cấp thành phố, tham gia tích cực phong trào của nhà trường."],
     "Hoài Thương"),
    ("guong-dien-hinh", "Đảng viên trẻ khởi nghiệp, tạo việc làm cho thanh niên địa phương",
     "Anh Trần Quang Huy, đảng viên Chi bộ thôn Phú Mậu, mở xưởng chế biến nông sản, tạo việc làm cho 20 lao động.",
     ["Sau khi tốt nghiệp đại học, anh Trần Quang Huy về quê mở xưởng sấy, chế biến nông sản. Anh được kết nạp vào Đảng năm 2023.",
      "Xưởng hiện tạo việc làm ổn định cho 20 lao động trẻ của thôn; anh còn hướng dẫn các hộ trồng rau theo quy trình an toàn để có đầu ra ổn định."],
     "Quốc Việt"),
    ("guong-dien-hinh", "Nữ bí thư chi bộ tổ dân phố và mô hình “Tổ dân phố không rác”",
     "Chi bộ Tổ dân phố 5 phường Kim Long vận động các hộ phân loại rác tại nguồn.",
     ["Bà Lê Thị Hạnh, Bí thư Chi bộ Tổ dân phố 5 phường Kim Long, đưa nội dung vệ sinh môi trường vào nghị quyết chi bộ và phân công mỗi đảng viên phụ trách năm hộ.",
      "Sau một năm, 100% hộ phân loại rác tại nguồn; mô hình được phường nhân rộng ra các tổ dân phố khác."],
     "Minh Châu"),
    ("tin-tuc-hoat-dong", "Hội thảo chuyển đổi số trong công tác tổ chức xây dựng Đảng",
     "Các đảng ủy chia sẻ kinh nghiệm quản lý dữ liệu đảng viên và báo cáo trực tuyến.",
     ["Ngày 20/5, Ban Tổ chức Thành ủy tổ chức hội thảo chuyển đổi số trong công tác tổ chức xây dựng Đảng.",
      "Các đại biểu thống nhất: dữ liệu đảng viên phải được cập nhật ngay khi có thay đổi; báo cáo định kỳ lấy số liệu từ hệ thống thay vì tổng hợp thủ công; bảo đảm an toàn, bảo mật thông tin."],
     "Quốc Việt"),
    ("cong-tac-dang-vien", "Kết nạp đảng viên trong doanh nghiệp ngoài nhà nước",
     "Đảng ủy các doanh nghiệp phối hợp chủ doanh nghiệp tạo điều kiện cho người lao động phấn đấu vào Đảng.",
     ["Ở các doanh nghiệp ngoài nhà nước, việc phát triển đảng viên còn khó khăn vì người lao động thay đổi chỗ làm thường xuyên.",
      "Năm 2026, các chi bộ doanh nghiệp đã kết nạp 18 đảng viên là công nhân, kỹ sư; chủ doanh nghiệp bố trí thời gian để người lao động học lớp nhận thức về Đảng."],
     "Hoài Thương"),
]  # fmt: skip

# (title index: image drawn, caption)
IMAGES = {
    0: "Quang cảnh Hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026.",
    1: "Các học viên tại lớp tập huấn nghiệp vụ công tác đảng.",
    8: "Lễ công bố quyết định thành lập chi bộ tổ dân phố.",
    27: "Bí thư chi bộ thôn trao đổi với bà con.",
}
# When each article of the list appeared (Asia/Ho_Chi_Minh); None: see build().
DATES = [
    "10/07/2026 17:05", "23/04/2026 16:30", "15/05/2026 11:20", "08/04/2026 15:40",
    "03/02/2026 10:15", None, "09/01/2026 16:00", "05/01/2026 08:00", "02/07/2026 09:30",
    "18/08/2026 14:10", "20/01/2026 10:00", "12/06/2026 19:45", "25/09/2026 08:30",
    "08/07/2026 09:00", "14/10/2026 15:20", "03/11/2026 08:45", "19/05/2026 16:00",
    "10/09/2026 11:00", "22/10/2026 14:00", "12/08/2026 10:30", "05/11/2026 09:15",
    "16/09/2026 08:00", "28/04/2026 15:00", "20/10/2026 09:00", "11/03/2026 10:00", None,
    "15/02/2026 08:30", "27/08/2026 17:00", "10/06/2026 16:20", "18/11/2026 10:40",
    "24/11/2026 15:00", "20/05/2026 17:30", "26/11/2026 09:50",
]  # fmt: skip
AWAITING_APPROVAL = 5
SCHEDULED = 25
ATTACHMENTS = {
    23: "Hướng dẫn chuẩn bị đại hội chi bộ (bản đầy đủ)",
    24: "Danh mục giấy tờ của hồ sơ kết nạp đảng viên",
}


def _picture(seed: int) -> bytes:
    """A conference hall drawn with shapes (a stage with a red backdrop and a star, rows of
    seats): no photograph, no text."""
    rng = random.Random(seed)
    w, h = 1600, 900
    image = Image.new("RGB", (w, h), (236, 232, 224))
    d = ImageDraw.Draw(image)
    for y in range(h // 2):  # the wall: a light gradient
        shade = 240 - y // 12
        d.line([(0, y), (w, y)], fill=(shade, shade - 6, shade - 14))
    d.rectangle([200, 80, 1400, 420], fill=(164, 22, 26))  # the backdrop
    cx, cy, r = 800, 230, 90
    import math

    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.4
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    d.polygon(points, fill=(255, 213, 0))
    d.rectangle([150, 420, 1450, 480], fill=(120, 80, 50))  # the stage
    d.rectangle([680, 330, 920, 430], fill=(90, 60, 40))  # the lectern
    for row in range(5):  # seats, people as dots
        y = 560 + row * 70
        for col in range(16):
            x = 130 + col * 85 + (row % 2) * 40
            d.rounded_rectangle([x, y, x + 60, y + 40], radius=8, fill=(60, 70, 110))
            if rng.random() < 0.8:
                tone = rng.choice([(40, 30, 25), (70, 50, 40), (30, 30, 30)])
                d.ellipse([x + 18, y - 28, x + 42, y - 4], fill=tone)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _pdf(title: str, lines: list[str]) -> bytes:
    from fpdf import FPDF

    fonts = Path(__file__).resolve().parent.parent / "votes" / "fonts"
    pdf = FPDF(format="A4")
    pdf.add_page()
    regular = fonts / "LiberationSerif-Regular.ttf"
    if regular.exists():
        pdf.add_font("serif", "", str(regular))
        pdf.add_font("serif", "B", str(fonts / "LiberationSerif-Bold.ttf"))
        pdf.set_font("serif", "B", 14)
    else:  # pragma: no cover - the fonts ship with the package
        pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, title, align="C")
    pdf.ln(4)
    pdf.set_font(pdf.font_family, "", 12)
    for line in lines:
        pdf.multi_cell(0, 7, line)
        pdf.ln(1)
    return bytes(pdf.output())


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    progress("News site: categories and articles …")
    rng = random.Random(seed)
    writer = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="truongban")
    categories = {
        slug: services.category_create(actor=writer, name=name, slug=slug, description=text)
        for name, slug, text in CATEGORIES
    }
    now = timezone.now()
    for index, (cat, title, summary, paragraphs, byline) in enumerate(ARTICLES):
        body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        date = DATES[index]
        if date is None:
            at = now - dt.timedelta(days=2)
        else:
            at = timezone.make_aware(dt.datetime.strptime(date, "%d/%m/%Y %H:%M"))
        article = services.article_create(
            actor=writer,
            category=categories[cat],
            title=title,
            summary=summary,
            body=body,
            byline=byline,
            at=at - dt.timedelta(hours=rng.randint(2, 30)),
        ).article
        if index in IMAGES:
            upload = SimpleUploadedFile(f"anh-{index + 1}.jpg", _picture(seed + index))
            services.image_upload(
                actor=writer, article=article, upload=upload, alt=IMAGES[index], as_lead=True
            )
        if index in ATTACHMENTS:
            content = _pdf(ATTACHMENTS[index], paragraphs)
            upload = SimpleUploadedFile(f"{services.slug_of(ATTACHMENTS[index])}.pdf", content)
            services.attachment_upload(
                actor=writer, article=article, upload=upload, title=ATTACHMENTS[index]
            )
        article.refresh_from_db()
        services.article_submit(actor=writer, article=article, expected_version=article.version)
        if index == AWAITING_APPROVAL:
            continue
        services.article_approve(actor=leader, article=article, expected_version=article.version)
        if index == SCHEDULED:  # appears by itself in two days at 07:30
            local = timezone.localtime(now) + dt.timedelta(days=2)
            article.publish_at = local.replace(hour=7, minute=30, second=0, microsecond=0)
            article.save(update_fields=["publish_at"])
            services.article_publish(
                actor=writer, article=article, expected_version=article.version
            )
            continue
        services.article_publish(
            actor=writer, article=article, expected_version=article.version, at=at
        )
        age = max(0, (now - at).days)
        views = int(rng.uniform(30, 60) + age * rng.uniform(2.0, 4.0))
        Article.objects.filter(pk=article.pk).update(view_count=views)
    _conference_draft(writer, categories["tin-tuc-hoat-dong"])
    progress(f"  {Article.objects.count()} articles ({Article.objects.public().count()} public)")


def _conference_draft(writer: User, category: Category) -> None:
    """The review conference of the demo (if the reviews demo made one) as a draft."""
    from tcxd.reviews.models import Conference

    from .conference import draft_from_conference

    conference = Conference.objects.order_by("-held_on").first()
    if conference is not None:
        draft_from_conference(actor=writer, conference=conference, category=category)
