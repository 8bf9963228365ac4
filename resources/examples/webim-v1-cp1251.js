// A legacy (v1) visitor: its crc is the MD5 of the values as cp1251 bytes, then the private key.
webim_visitor = {
  "id": "1001",
  "display_name": "Иван Петров",
  "email": "ivan@example.ru",
  "icq": "123456789",
  "crc": "a0a8e66a0bf784fefd75eddaedc2cca1"
};
