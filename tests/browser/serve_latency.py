# Server-side latency of `shiryo serve` (not yet the committed cargo bench): start
# `shiryo serve --root ROOT --port 18767` on a copy, then run this with FILE set below.
# Edit -> event on the SSE stream -> the new page fetched (and the new PDF fetched); median of 20.
import socket, time, re, statistics, urllib.request
import sys
f=sys.argv[1] if len(sys.argv) > 1 else 'ROOT/content/niiza-chiiki-ikou/2024/meetings.yaml'
s=socket.create_connection(('127.0.0.1',18767)); s.settimeout(10)
s.sendall(b'GET /_shiryo/events HTTP/1.1\r\nHost: 127.0.0.1:18767\r\n\r\n')
buf=b''
while b'retry' not in buf: buf+=s.recv(4096)
page=[];pdf=[]
text=open(f,encoding='utf-8').read()
cur=re.search(r'attendance: (\d+)',text).group(1)
for i in range(20):
    new=str(50+i%2)
    text2=re.sub(r'attendance: \d+','attendance: '+new,text,count=1)
    buf=b''; t0=time.perf_counter(); open(f,'w',encoding='utf-8').write(text2)
    got_page=got_pdf=False
    while not (got_page and got_pdf):
        buf+=s.recv(65536)
        if not got_page and b'"what":"page"' in buf:
            h=urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:18767/niiza-chiiki-ikou/r6-hyoka.html',headers={'Host':'127.0.0.1:18767'})).read().decode()
            assert '【出席者】<span class="nw">'+new.translate(str.maketrans('0123456789','０１２３４５６７８９')) in h
            page.append((time.perf_counter()-t0)*1000); got_page=True
        if not got_pdf and b'"what":"pdf"' in buf:
            urllib.request.urlopen('http://127.0.0.1:18767/niiza-chiiki-ikou/r6-hyoka.pdf').read()
            pdf.append((time.perf_counter()-t0)*1000); got_pdf=True
    text=text2; time.sleep(0.15)
print('page median %.1f ms (min %.1f max %.1f); pdf median %.1f ms (min %.1f max %.1f)'%(statistics.median(page),min(page),max(page),statistics.median(pdf),min(pdf),max(pdf)))
